package dev.vigil.storage.catalog;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.SiteId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One event clip as the catalog keeps it: an object in the clips bucket ({@code vigil-clips} by
 * default). Times are cut to the microsecond.
 *
 * @param camera the camera
 * @param site the camera's site
 * @param kind the camera's kind when the clip was cut; {@code null} if unknown
 * @param start first frame's time (pre-roll included)
 * @param end end of the last frame; at least {@code start}, at most {@link #MAX_DURATION} after it
 * @param reason why it was cut, e.g. {@code "alert 8f3c: person in zone gate"}; 1-200 characters
 * @param objectKey the object's key, 1-1024 characters; unique in the catalog
 * @param sha256 the object's SHA-256, 64 lower-case hex digits
 * @param bytes object size, at least 0
 * @param createdAt when the clip was stored
 */
public record Clip(
        CameraId camera,
        SiteId site,
        CameraKind kind,
        Instant start,
        Instant end,
        String reason,
        String objectKey,
        String sha256,
        long bytes,
        Instant createdAt) {

    /** The longest clip accepted; time-range queries rely on it (see {@link Recording#MAX_DURATION}). */
    public static final Duration MAX_DURATION = Recording.MAX_DURATION;
    static final int MAX_REASON = 200;

    public Clip {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(site, "site");
        start = Objects.requireNonNull(start, "start").truncatedTo(ChronoUnit.MICROS);
        end = Objects.requireNonNull(end, "end").truncatedTo(ChronoUnit.MICROS);
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
        String what = "clip " + objectKey + " of camera " + camera;
        if (end.isBefore(start) || Duration.between(start, end).compareTo(MAX_DURATION) > 0) {
            throw VigilException.invalid(what + ": must end 0.." + MAX_DURATION + " after its start, was "
                    + start + " to " + end);
        }
        CatalogChecks.text(what, "reason", reason, MAX_REASON);
        CatalogChecks.objectKey(what, objectKey);
        CatalogChecks.sha256(what, sha256);
        if (bytes < 0) {
            throw VigilException.invalid(what + ": bytes must not be negative, was " + bytes);
        }
    }

    /** The clip's interval. */
    public Interval interval() {
        return new Interval(start, end);
    }
}
