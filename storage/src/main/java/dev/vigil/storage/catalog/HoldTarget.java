package dev.vigil.storage.catalog;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;

/**
 * What a legal hold keeps: a camera's recordings and clips in a time range, one object by key, or
 * both (an item is held when either matches).
 *
 * <p>The range is taken as closed, {@code [from, to]}: an item that overlaps it or touches one of
 * its ends is held. For evidence, keeping a segment too many beats losing one.
 *
 * @param camera the camera, with {@code range}; or {@code null} with {@code range} {@code null}
 * @param range the time range, not empty; with {@code camera}
 * @param objectKey one object's key in any bucket (segments or clips); or {@code null}
 */
public record HoldTarget(CameraId camera, Interval range, String objectKey) {
    public HoldTarget {
        if ((camera == null) != (range == null)) {
            throw VigilException.invalid("legal hold: a camera and a time range go together, were " + camera
                    + " and " + range);
        }
        if (range != null && !range.end().isAfter(range.start())) {
            throw VigilException.invalid("legal hold: the time range " + range + " is empty");
        }
        if (camera == null && objectKey == null) {
            throw VigilException.invalid("legal hold: needs a camera and time range, or an object key");
        }
        if (objectKey != null) {
            CatalogChecks.objectKey("legal hold", objectKey);
        }
    }

    /** Everything of {@code camera} that overlaps {@code range}. */
    public static HoldTarget camera(CameraId camera, Interval range) {
        return new HoldTarget(camera, range, null);
    }

    /** The one object under {@code objectKey}. */
    public static HoldTarget object(String objectKey) {
        return new HoldTarget(null, null, objectKey);
    }
}
