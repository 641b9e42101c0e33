package dev.vigil.core.alert;

import java.util.Locale;

/** What an IOC operator did with an alert; lower case on the wire and in the catalog. */
public enum AlertAction {
    /** Seen and being handled. */
    ACKNOWLEDGE,
    /** Handed up (police, a supervisor). */
    ESCALATE,
    /** Not worth acting on (false alarm). */
    DISMISS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The alert state an action leaves: {@code acknowledged}, {@code escalated}, {@code dismissed}. */
    public String stateName() {
        return switch (this) {
            case ACKNOWLEDGE -> "acknowledged";
            case ESCALATE -> "escalated";
            case DISMISS -> "dismissed";
        };
    }

    /** The action of wire name {@code name}, or {@code null} if there is none. */
    public static AlertAction ofWireName(String name) {
        for (AlertAction a : values()) {
            if (a.wireName().equals(name)) {
                return a;
            }
        }
        return null;
    }
}
