package dev.vigil.core.access;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an audited request did. Written in lower case in the log and the API. */
public enum AuditAction {
    /** Recorded video was streamed for viewing (playback route). */
    PLAYBACK,
    /** A stored object (segment, clip, snapshot, export part) was downloaded. */
    DOWNLOAD,
    /** An evidence export was started. */
    EXPORT,
    /** A finished evidence export's files were deleted through the API. */
    EXPORT_DELETE,
    /** Recordings were searched. */
    SEARCH,
    /** An API token was created. */
    TOKEN_CREATE,
    /** An API token was revoked. */
    TOKEN_REVOKE;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action written as {@link #label()}; {@code IllegalArgumentException} if unknown. */
    public static AuditAction parse(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
