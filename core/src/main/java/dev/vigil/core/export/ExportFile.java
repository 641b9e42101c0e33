package dev.vigil.core.export;

import dev.vigil.core.error.VigilException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file a finished export job produced.
 *
 * @param name its file name, e.g. {@code gate-3_20260301T140000Z.mp4}: 1-128 characters of
 *     {@code [A-Za-z0-9_.-]}, not starting with a dot
 * @param kind what it is
 * @param bytes its size
 * @param sha256 lower-case hex SHA-256 of its bytes
 */
public record ExportFile(String name, Kind kind, long bytes, String sha256) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** What a file of an export is. */
    public enum Kind {
        /** A stitched MP4 part. */
        MP4,
        /** The JSON manifest. */
        MANIFEST,
        /** The manifest's Ed25519 signature. */
        SIGNATURE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The media type it is served with. */
        public String contentType() {
            return this == MP4 ? "video/mp4" : "application/json";
        }
    }

    public ExportFile {
        Objects.requireNonNull(kind, "kind");
        if (name == null || !NAME.matcher(name).matches()) {
            throw VigilException.invalid("export file name must be 1-128 characters of [A-Za-z0-9_.-], not starting"
                    + " with a dot, was " + (name == null ? "null" : "'" + name + "'"));
        }
        if (bytes < 0) {
            throw VigilException.invalid("export file " + name + ": bytes must not be negative");
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw VigilException.invalid("export file " + name + ": sha256 must be 64 lower-case hex digits");
        }
    }
}
