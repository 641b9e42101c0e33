package dev.vigil.core.review;

import dev.vigil.core.alert.AlertLifecycle;
import dev.vigil.core.alert.AlertSeverity;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.SiteId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One alert as a listing shows it: what the catalog's alert row holds, without the message.
 *
 * @param alertId the alert
 * @param lifecycle of its last message
 * @param severity info, warning or critical
 * @param site its camera's site
 * @param camera its camera
 * @param kind the rule type ({@code zone_intrusion}...)
 * @param rule the rule id
 * @param eventStart when the condition began
 * @param eventEnd when it ended, or {@code null}
 * @param state the operators' state
 * @param stateBy who set it, or {@code null} while open
 * @param stateAt when, or {@code null} while open
 * @param hasSnapshot whether a snapshot is stored
 * @param hasClip whether its clip is uploaded
 */
public record AlertSummary(UUID alertId, AlertLifecycle lifecycle, AlertSeverity severity, SiteId site, CameraId camera,
        String kind, String rule, Instant eventStart, Instant eventEnd, AlertState state, String stateBy,
        Instant stateAt, boolean hasSnapshot, boolean hasClip) {
    public AlertSummary {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(eventStart, "eventStart");
        Objects.requireNonNull(state, "state");
    }
}
