package dev.vigil.analytics.detect.dnn;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.NormalizedBox;

/**
 * How a picture is fitted into a model's input without distortion (the "letterbox" of the
 * YOLO family): scaled by one factor so that it fits, centred, the rest padded with grey 114.
 * Pure.
 *
 * @param scale source pixels times this are input pixels
 * @param padX input pixels of padding on the left
 * @param padY input pixels of padding on the top
 * @param sourceWidth the picture's width
 * @param sourceHeight the picture's height
 * @param inputWidth the model's input width
 * @param inputHeight the model's input height
 */
public record Letterbox(double scale, int padX, int padY, int sourceWidth, int sourceHeight, int inputWidth,
        int inputHeight) {
    /** The grey of the padding, as Ultralytics pads. */
    public static final int PAD_GREY = 114;

    public static Letterbox fit(int sourceWidth, int sourceHeight, int inputWidth, int inputHeight) {
        if (sourceWidth < 1 || sourceHeight < 1 || inputWidth < 1 || inputHeight < 1) {
            throw VigilException.invalid("letterbox of " + sourceWidth + "x" + sourceHeight + " into " + inputWidth
                    + "x" + inputHeight);
        }
        double scale = Math.min((double) inputWidth / sourceWidth, (double) inputHeight / sourceHeight);
        int w = scaledWidth(sourceWidth, scale, inputWidth);
        int h = scaledWidth(sourceHeight, scale, inputHeight);
        return new Letterbox(scale, (inputWidth - w) / 2, (inputHeight - h) / 2, sourceWidth, sourceHeight,
                inputWidth, inputHeight);
    }

    /** The width (or height) of the scaled picture inside the input. */
    public int scaledWidth() {
        return scaledWidth(sourceWidth, scale, inputWidth);
    }

    public int scaledHeight() {
        return scaledWidth(sourceHeight, scale, inputHeight);
    }

    private static int scaledWidth(int source, double scale, int limit) {
        return Math.max(1, Math.min(limit, (int) Math.round(source * scale)));
    }

    /**
     * The box, normalized to the source picture, of a model box given by its centre and size in
     * input pixels; clipped to the picture.
     */
    public NormalizedBox toSource(double cx, double cy, double w, double h) {
        double x0 = (cx - w / 2 - padX) / scale;
        double y0 = (cy - h / 2 - padY) / scale;
        double x1 = (cx + w / 2 - padX) / scale;
        double y1 = (cy + h / 2 - padY) / scale;
        return NormalizedBox.ofCorners(x0 / sourceWidth, y0 / sourceHeight, x1 / sourceWidth, y1 / sourceHeight);
    }
}
