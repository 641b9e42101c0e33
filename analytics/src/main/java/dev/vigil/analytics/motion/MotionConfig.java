package dev.vigil.analytics.motion;

import dev.vigil.core.error.VigilException;
import java.util.Objects;

/**
 * Motion detection settings.
 *
 * @param method running average (default) or MOG2
 * @param width the grey frame is scaled down to this width first; default 320
 * @param blurKernel odd Gaussian kernel size against noise, in pixels at {@code width}; default 5
 * @param threshold grey-level difference (0-255) that counts as changed; default 25 (running average only)
 * @param learningRate weight of a new frame in the background, 0 to 1; default 0.05 (about 20 frames, 4 s at 5 fps)
 * @param minAreaFraction a changed blob smaller than this fraction of the frame is noise; default 0.0015
 *     (about 150 pixels at 320x180: a person 50 m away on a 1080p camera)
 * @param dilateIterations dilations of the change mask (3x3) that join the pieces of one object; default 2
 */
public record MotionConfig(MotionMethod method, int width, int blurKernel, int threshold, double learningRate,
        double minAreaFraction, int dilateIterations) {
    public MotionConfig {
        Objects.requireNonNull(method, "method");
        if (width < 32) {
            throw VigilException.invalid("motion width must be at least 32, was " + width);
        }
        if (blurKernel < 1 || blurKernel % 2 == 0) {
            throw VigilException.invalid("motion blurKernel must be odd and positive, was " + blurKernel);
        }
        if (threshold < 1 || threshold > 254) {
            throw VigilException.invalid("motion threshold must be 1 to 254, was " + threshold);
        }
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw VigilException.invalid("motion learningRate must be in (0, 1], was " + learningRate);
        }
        if (!(minAreaFraction >= 0 && minAreaFraction < 1)) {
            throw VigilException.invalid("motion minAreaFraction must be in [0, 1), was " + minAreaFraction);
        }
        if (dilateIterations < 0) {
            throw VigilException.invalid("motion dilateIterations must be 0 or more, was " + dilateIterations);
        }
    }

    public static MotionConfig defaults() {
        return new MotionConfig(MotionMethod.RUNNING_AVERAGE, 320, 5, 25, 0.05, 0.0015, 2);
    }

    public MotionConfig withMethod(MotionMethod m) {
        return new MotionConfig(m, width, blurKernel, threshold, learningRate, minAreaFraction, dilateIterations);
    }
}
