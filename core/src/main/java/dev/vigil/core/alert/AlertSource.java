package dev.vigil.core.alert;

import java.util.Locale;

/**
 * What raised an alert. Not on the wire (the rule's type tells), but kept in the catalog: it says
 * what closes an alert left open by a restart.
 */
public enum AlertSource {
    /** Vigil's own analytics: a rule or tamper detection. */
    ANALYTICS,
    /** Camera health: offline after {@code alerts.offlineAfterSeconds} without pictures. */
    HEALTH,
    /** The camera's own event (ONVIF motion or tamper). */
    CAMERA,
    /** An alarm about the node itself concerning a camera (e.g. the spool deleting footage). */
    SYSTEM;

    /** The catalog's name, e.g. {@code analytics}. */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AlertSource ofDbName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
