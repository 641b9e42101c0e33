package dev.vigil.storage.record;

import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.GeoPoint;
import java.time.Instant;
import java.util.Objects;

/**
 * What is known of a segment when it starts: written beside the spool file at once, so that a
 * segment cut short by a crash can still be described and uploaded.
 *
 * @param camera the camera
 * @param site the camera's site
 * @param start the wall-clock time of the first picture
 * @param firstPts90k the first picture's presentation time (decode time 0 in the file)
 * @param codec H.264 or H.265
 * @param width displayed width
 * @param height displayed height
 * @param location where the camera was when it recorded, or {@code null}
 */
public record SegmentMeta(CameraId camera, String site, Instant start, long firstPts90k, Codec codec, int width,
        int height, GeoPoint location) {
    public SegmentMeta {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(codec, "codec");
    }
}
