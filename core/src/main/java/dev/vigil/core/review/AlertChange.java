package dev.vigil.core.review;

import java.util.Objects;

/**
 * One change of the feed behind the live stream: a message about an alert (OPENED, UPDATED,
 * CLOSED) or an action on one.
 *
 * @param kind a message or an action
 * @param rowId the message's outbox row id or the action's row id: unique within its kind
 * @param alert the alert as it is now (state included)
 * @param action the action, for {@link Kind#ACTION}; else {@code null}
 */
public record AlertChange(Kind kind, long rowId, AlertSummary alert, RecordedAlertAction action) {
    public enum Kind {
        MESSAGE,
        ACTION
    }

    public AlertChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(alert, "alert");
        if ((kind == Kind.ACTION) != (action != null)) {
            throw new IllegalArgumentException("an action change carries its action, a message change none");
        }
    }

    /** Unique among all changes: {@code m42} or {@code a7}. */
    public String key() {
        return (kind == Kind.MESSAGE ? "m" : "a") + rowId;
    }
}
