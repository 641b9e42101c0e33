package dev.vigil.core.alert;

import java.util.Locale;

/** How urgent an alert is for an operator; lower case on the wire ({@code info}, {@code warning}, {@code critical}). */
public enum AlertSeverity {
    INFO,
    WARNING,
    CRITICAL;

    /** The wire name, e.g. {@code warning}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The severity of wire name {@code name}, e.g. {@code critical}. */
    public static AlertSeverity ofWireName(String name) {
        for (AlertSeverity s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        throw dev.vigil.core.error.VigilException.invalid("severity must be info, warning or critical, was '"
                + name + "'");
    }
}
