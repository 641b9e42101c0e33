package dev.vigil.analytics.detect;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.NormalizedBox;
import java.util.Objects;

/**
 * One object a detector found on one frame.
 *
 * @param label the object class, lower case: {@code person}, {@code car}, {@code plate}...
 * @param confidence 0 to 1; detectors without a calibrated score map theirs into this range
 * @param box where, in normalized coordinates of the whole frame
 */
public record Detection(String label, double confidence, NormalizedBox box) {
    public Detection {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(box, "box");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw VigilException.invalid("confidence must be 0 to 1, was " + confidence + " for " + label);
        }
    }
}
