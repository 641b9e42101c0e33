package dev.vigil.analytics.frame;

import dev.vigil.core.error.VigilException;
import java.util.Objects;

/**
 * A picture as packed 8-bit BGR (OpenCV's {@code CV_8UC3} layout), rows without padding.
 *
 * @param width pixels per row, at least 1
 * @param height rows, at least 1
 * @param bgr {@code width * height * 3} bytes, owned by this image; nobody mutates it after
 *     construction
 */
public record BgrImage(int width, int height, byte[] bgr) {
    public BgrImage {
        Objects.requireNonNull(bgr, "bgr");
        if (width < 1 || height < 1) {
            throw VigilException.invalid("a BGR image needs a positive size, was " + width + "x" + height);
        }
        if (bgr.length != width * height * 3) {
            throw VigilException.invalid("a " + width + "x" + height + " BGR image needs " + width * height * 3
                    + " bytes, had " + bgr.length);
        }
    }

    @Override
    public String toString() {
        return "BgrImage[" + width + "x" + height + "]";
    }
}
