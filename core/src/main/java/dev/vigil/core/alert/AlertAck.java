package dev.vigil.core.alert;

import dev.vigil.core.error.VigilException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An acknowledgement from the IOC, one message of {@code vigil.alert-acks.v1}:
 * {@code {"alertId","action","by","note","time"}}.
 *
 * @param alertId the alert
 * @param action acknowledge, escalate or dismiss
 * @param by who did it (operator id or name), 1 to {@value #MAX_BY} characters
 * @param note free text, at most {@value #MAX_NOTE} characters; {@code null} when none
 * @param time when the operator did it (the IOC's clock)
 */
public record AlertAck(UUID alertId, AlertAction action, String by, String note, Instant time) {
    public static final int MAX_BY = 200;
    public static final int MAX_NOTE = 2000;

    public AlertAck {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(time, "time");
        if (by.isBlank() || by.length() > MAX_BY) {
            throw VigilException.invalid("by must be 1-" + MAX_BY + " characters, was " + by.length());
        }
        if (note != null && note.length() > MAX_NOTE) {
            throw VigilException.invalid("note must be at most " + MAX_NOTE + " characters, was " + note.length());
        }
    }
}
