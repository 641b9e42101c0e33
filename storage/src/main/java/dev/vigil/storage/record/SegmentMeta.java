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
 * @param clip set when this is an event clip, {@code null} for a continuous segment
 */
public record SegmentMeta(CameraId camera, String site, Instant start, long firstPts90k, Codec codec, int width,
        int height, GeoPoint location, ClipInfo clip) {
    public SegmentMeta {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(codec, "codec");
    }

    /** A continuous-recording segment. */
    public SegmentMeta(CameraId camera, String site, Instant start, long firstPts90k, Codec codec, int width,
            int height, GeoPoint location) {
        this(camera, site, start, firstPts90k, codec, width, height, location, null);
    }

    /** The object key of this file once finished at {@code end}. */
    public String objectKey(Instant end) {
        return clip == null ? ObjectKeys.segment(site, camera.value(), start, end)
                : ObjectKeys.clip(site, camera.value(), start, end, clip.id());
    }
}
