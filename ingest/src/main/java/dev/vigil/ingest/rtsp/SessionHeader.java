package dev.vigil.ingest.rtsp;

import dev.vigil.core.error.VigilException;
import java.util.Objects;

/**
 * An RTSP {@code Session} header (RFC 2326 section 12.37). Pure.
 *
 * @param id the session id
 * @param timeoutSeconds the session timeout; 60 when the server leaves it out (quirk 29)
 */
public record SessionHeader(String id, int timeoutSeconds) {
    /** The RFC 2326 default timeout. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 60;

    public SessionHeader {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("session id is empty");
        }
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("session timeout must be >= 1 s, was " + timeoutSeconds);
        }
    }

    /**
     * Parses {@code id[;timeout=n]}; a missing or unparseable timeout gives the default, a
     * timeout under 2 s is raised to 2 s so keepalives stay sane.
     */
    public static SessionHeader parse(String value) {
        if (value == null || value.isBlank()) {
            throw VigilException.invalid("empty Session header");
        }
        String[] parts = value.split(";");
        String id = parts[0].strip();
        if (id.isEmpty()) {
            throw VigilException.invalid("Session header without an id");
        }
        int timeout = DEFAULT_TIMEOUT_SECONDS;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.regionMatches(true, 0, "timeout=", 0, 8)) {
                try {
                    timeout = Math.max(2, Integer.parseInt(p.substring(8).strip()));
                } catch (NumberFormatException e) {
                    timeout = DEFAULT_TIMEOUT_SECONDS;
                }
            }
        }
        return new SessionHeader(id, timeout);
    }
}
