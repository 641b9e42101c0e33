package dev.vigil.storage.catalog;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.SiteId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One recorded segment as the catalog keeps it: an object in the segments bucket and what it holds.
 * Times are cut to the microsecond, the precision both databases keep.
 *
 * @param camera the camera
 * @param site the camera's site when it recorded
 * @param kind the camera's kind when it recorded (retention uses it once the camera has left the
 *     configuration); {@code null} if unknown
 * @param start first frame's time
 * @param end end of the last frame; at least {@code start}, at most {@link #MAX_DURATION} after it
 * @param bytes object size, at least 0
 * @param codec the video codec
 * @param width picture width in pixels, with {@code height}; both {@code null} if unknown
 * @param height picture height in pixels
 * @param objectKey the object's key, 1-1024 characters; unique in the catalog
 * @param sha256 the object's SHA-256, 64 lower-case hex digits
 * @param location where the camera was (and looked) when it recorded; {@code null} if unknown,
 *     and then the segment is not found by area searches
 */
public record Recording(
        CameraId camera,
        SiteId site,
        CameraKind kind,
        Instant start,
        Instant end,
        long bytes,
        Codec codec,
        Integer width,
        Integer height,
        String objectKey,
        String sha256,
        GeoPoint location) {

    /**
     * The longest segment accepted. Time-range queries look back this far from their start for
     * segments that overlap it, so the bound keeps them index range scans.
     */
    public static final Duration MAX_DURATION = Duration.ofHours(2);

    public Recording {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(codec, "codec");
        start = Objects.requireNonNull(start, "start").truncatedTo(ChronoUnit.MICROS);
        end = Objects.requireNonNull(end, "end").truncatedTo(ChronoUnit.MICROS);
        String what = "recording " + objectKey + " of camera " + camera;
        if (end.isBefore(start)) {
            throw VigilException.invalid(what + ": end " + end + " is before start " + start);
        }
        if (Duration.between(start, end).compareTo(MAX_DURATION) > 0) {
            throw VigilException.invalid(what + ": " + Duration.between(start, end) + " long, more than "
                    + MAX_DURATION);
        }
        if (bytes < 0) {
            throw VigilException.invalid(what + ": bytes must not be negative, was " + bytes);
        }
        if ((width == null) != (height == null) || width != null && (width < 1 || height < 1)) {
            throw VigilException.invalid(what + ": width and height must both be positive or both absent, were "
                    + width + "x" + height);
        }
        CatalogChecks.objectKey(what, objectKey);
        CatalogChecks.sha256(what, sha256);
    }

    /** The recorded interval. */
    public Interval interval() {
        return new Interval(start, end);
    }
}
