package dev.vigil.analytics.detect.cascade;

import dev.vigil.core.error.VigilException;
import java.util.Objects;

/**
 * Settings of one Haar cascade detector.
 *
 * @param model which cascade
 * @param upscale each region is enlarged by this factor first (objects smaller than the window need it); default 1
 * @param scaleFactor pyramid step; default 1.1
 * @param minNeighbors overlapping hits needed to keep a detection; default 3
 * @param minConfidence detections under this confidence are dropped (see {@link CascadeDetector}); default 0.5
 */
public record CascadeConfig(HaarModel model, double upscale, double scaleFactor, int minNeighbors,
        double minConfidence) {
    public CascadeConfig {
        Objects.requireNonNull(model, "model");
        if (!(upscale >= 1 && upscale <= 4)) {
            throw VigilException.invalid("cascade upscale must be 1 to 4, was " + upscale);
        }
        if (!(scaleFactor > 1 && scaleFactor <= 2)) {
            throw VigilException.invalid("cascade scaleFactor must be in (1, 2], was " + scaleFactor);
        }
        if (minNeighbors < 1) {
            throw VigilException.invalid("cascade minNeighbors must be at least 1, was " + minNeighbors);
        }
        if (!(minConfidence >= 0 && minConfidence < 1)) {
            throw VigilException.invalid("cascade minConfidence must be in [0, 1), was " + minConfidence);
        }
    }

    public static CascadeConfig defaults(HaarModel model) {
        return new CascadeConfig(model, 1.0, 1.1, 3, 0.5);
    }
}
