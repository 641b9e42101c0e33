package dev.vigil.core.review;

import java.time.Instant;
import java.util.Objects;

/**
 * One action taken on an alert, from the IOC over Kafka or through the API.
 *
 * @param action acknowledge, escalate or dismiss
 * @param by who took it
 * @param note their note, or {@code null}
 * @param at when they took it
 * @param origin where it came from: {@code kafka:<topic>/<partition>/<offset>} or {@code api:<token id>/<request id>}
 */
public record RecordedAlertAction(String action, String by, String note, Instant at, String origin) {
    public RecordedAlertAction {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(origin, "origin");
    }
}
