package dev.vigil.core.review;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vigil.core.alert.AlertAction;
import java.util.Locale;

/**
 * The operators' state of an alert: {@code open} until someone acts, then what the latest action
 * made it. The same state whether the action came from the IOC over Kafka or through the API.
 *
 * <p>What the API lets an operator do next ({@link #allows}): acknowledge an open alert; escalate
 * an open or acknowledged one; dismiss any alert not dismissed yet. Dismissed is final. The same
 * action twice is refused too (it would say nothing new). Acknowledgements over Kafka are the
 * IOC's own record and are applied as they come (latest time wins).
 */
public enum AlertState {
    OPEN,
    ACKNOWLEDGED,
    ESCALATED,
    DISMISSED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state named {@code label}, or {@code null} if none is. */
    public static AlertState ofLabel(String label) {
        for (AlertState s : values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        return null;
    }

    /** The state {@code action} leaves. */
    public static AlertState after(AlertAction action) {
        return ofLabel(action.stateName());
    }

    /** Whether an operator may take {@code action} on an alert in this state through the API. */
    public boolean allows(AlertAction action) {
        return switch (action) {
            case ACKNOWLEDGE -> this == OPEN;
            case ESCALATE -> this == OPEN || this == ACKNOWLEDGED;
            case DISMISS -> this != DISMISSED;
        };
    }
}
