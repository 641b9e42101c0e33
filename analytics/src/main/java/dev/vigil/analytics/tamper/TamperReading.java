package dev.vigil.analytics.tamper;

import dev.vigil.analytics.rules.TamperCause;
import java.util.Set;

/**
 * The tamper measures of one frame and the causes reported after persistence.
 *
 * @param active causes reported now (held for the configured persistence)
 * @param candidates causes this frame alone shows
 * @param stdDev spread of grey levels
 * @param sharpness variance of the Laplacian
 * @param referenceSharpness the reference's
 * @param similarity normalized cross-correlation with the reference
 * @param shiftPixels shift against the reference found by phase correlation, pixels at the analysis width
 * @param shiftResponse its peak, 0 to 1
 * @param frameDiff mean absolute difference with the previous frame
 */
public record TamperReading(Set<TamperCause> active, Set<TamperCause> candidates, double stdDev, double sharpness,
        double referenceSharpness, double similarity, double shiftPixels, double shiftResponse, double frameDiff) {
    public TamperReading {
        active = Set.copyOf(active);
        candidates = Set.copyOf(candidates);
    }
}
