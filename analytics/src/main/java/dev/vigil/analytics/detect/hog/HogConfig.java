package dev.vigil.analytics.detect.hog;

import dev.vigil.core.error.VigilException;

/**
 * HOG people detector settings.
 *
 * @param upscale each region is enlarged by this factor first; the detector's window is 64x128, so people shorter
 *     than about 100 analysis pixels need 1.5 to 2; default 1
 * @param minConfidence detections under this confidence are dropped (see {@link HogPeopleDetector}); default 0.3
 * @param stride window stride in pixels; default 8
 * @param scaleStep pyramid scale step; default 1.05
 * @param groupThreshold minimum overlapping hits to keep a group (OpenCV's {@code finalThreshold}); default 2
 */
public record HogConfig(double upscale, double minConfidence, int stride, double scaleStep, int groupThreshold) {
    public HogConfig {
        if (!(upscale >= 1 && upscale <= 4)) {
            throw VigilException.invalid("hog upscale must be 1 to 4, was " + upscale);
        }
        if (!(minConfidence >= 0 && minConfidence < 1)) {
            throw VigilException.invalid("hog minConfidence must be in [0, 1), was " + minConfidence);
        }
        if (stride < 1 || stride % 8 != 0 && stride != 4) {
            throw VigilException.invalid("hog stride must be 4 or a multiple of 8, was " + stride);
        }
        if (!(scaleStep > 1 && scaleStep <= 2)) {
            throw VigilException.invalid("hog scaleStep must be in (1, 2], was " + scaleStep);
        }
        if (groupThreshold < 0) {
            throw VigilException.invalid("hog groupThreshold must be 0 or more, was " + groupThreshold);
        }
    }

    public static HogConfig defaults() {
        return new HogConfig(1.0, 0.3, 8, 1.05, 2);
    }

    public HogConfig withUpscale(double factor) {
        return new HogConfig(factor, minConfidence, stride, scaleStep, groupThreshold);
    }
}
