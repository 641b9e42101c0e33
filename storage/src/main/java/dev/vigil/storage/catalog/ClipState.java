package dev.vigil.storage.catalog;

import java.util.Locale;

/** How far an alert's event clip has come; lower case in the catalog. */
public enum ClipState {
    /** No clip expected (recording off, clips off, or a source without one). */
    NONE,
    /** Asked of the camera's clip recorder; its key is not known yet. */
    REQUESTED,
    /** Recorded into the spool under a known key; waiting for its upload. */
    SPOOLED,
    /** Uploaded and announced in an UPDATED message. */
    READY,
    /** None will come (the recorder failed, or the wait ran out). */
    FAILED;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ClipState ofDbName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** Whether a clip may still come. */
    public boolean pending() {
        return this == REQUESTED || this == SPOOLED;
    }
}
