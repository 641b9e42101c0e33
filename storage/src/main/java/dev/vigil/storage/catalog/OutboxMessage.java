package dev.vigil.storage.catalog;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One unsent row of the alert outbox.
 *
 * @param id the row's id: the send order of one node's messages
 * @param alertId the alert
 * @param camera the camera id, the Kafka key
 * @param lifecycle OPENED, UPDATED or CLOSED
 * @param payload the message as committed (JSON, schema {@code vigil.alerts.v1})
 * @param createdAt when it was committed
 */
public record OutboxMessage(long id, UUID alertId, String camera, String lifecycle, String payload, Instant createdAt) {
    public OutboxMessage {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
