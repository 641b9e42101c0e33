package dev.vigil.analytics.motion;

import dev.vigil.core.model.NormalizedBox;
import java.util.List;

/**
 * The motion on one frame.
 *
 * @param regions bounding boxes of the changed blobs that passed the area filter, normalized
 * @param changedFraction the fraction of the frame's pixels that changed (before the area filter)
 */
public record MotionResult(List<NormalizedBox> regions, double changedFraction) {
    public static final MotionResult NONE = new MotionResult(List.of(), 0);

    public MotionResult {
        regions = List.copyOf(regions);
    }

    public boolean hasMotion() {
        return !regions.isEmpty();
    }
}
