package dev.vigil.core.export;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.TimeRange;
import java.time.Duration;
import java.util.Objects;

/**
 * An evidence export asked for through the API.
 *
 * @param camera the camera
 * @param range the time range, not empty, at most {@link #MAX_RANGE}
 * @param requestedBy who asked, as the manifest and audit name them (the token's name and id)
 * @param reason why, e.g. a case number: 1 to {@value #MAX_REASON} printable characters
 */
public record ExportOrder(CameraId camera, TimeRange range, String requestedBy, String reason) {
    /** The longest range one export covers. */
    public static final Duration MAX_RANGE = Duration.ofHours(24);
    public static final int MAX_REASON = 1000;

    public ExportOrder {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(reason, "reason");
        if (range.duration().isZero()) {
            throw VigilException.invalid("the export range is empty: from and to are both " + range.start());
        }
        if (range.duration().compareTo(MAX_RANGE) > 0) {
            throw VigilException.invalid("an export may span at most " + MAX_RANGE.toHours() + " h, was "
                    + range.duration());
        }
        if (reason.isBlank() || reason.length() > MAX_REASON || reason.chars().anyMatch(Character::isISOControl)) {
            throw VigilException.invalid("reason must be 1 to " + MAX_REASON
                    + " characters without control characters");
        }
    }
}
