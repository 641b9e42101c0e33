package dev.vigil.analytics.detect;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.vigil.core.model.NormalizedBox;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Cuts a region out of a picture and scales it by a factor, and maps boxes found in the result
 * back to normalized coordinates of the whole picture. Window detectors (HOG, cascades) only
 * shrink the picture to find larger objects, so objects smaller than their window are found by
 * enlarging the crop first.
 */
public final class CropScaler {
    private CropScaler() { }

    /** A new Mat (owned by the caller): {@code region} of {@code image}, scaled by {@code scale}. */
    public static Mat crop(Mat image, PixelRect region, double scale) {
        try (Rect r = new Rect(region.x(), region.y(), region.width(), region.height()); Mat view = new Mat(image, r)) {
            Mat out = new Mat();
            if (scale == 1.0) {
                view.copyTo(out);
            } else {
                int w = Math.max(1, (int) Math.round(region.width() * scale));
                int h = Math.max(1, (int) Math.round(region.height() * scale));
                try (Size size = new Size(w, h)) {
                    resize(view, out, size, 0, 0, INTER_LINEAR);
                }
            }
            return out;
        }
    }

    /** The normalized box of rectangle {@code r} found in a crop of {@code region} scaled by {@code scale}. */
    public static NormalizedBox toImage(Rect r, PixelRect region, double scale, int imageWidth, int imageHeight) {
        return NormalizedBox.ofPixels(region.x() + r.x() / scale, region.y() + r.y() / scale, r.width() / scale,
                r.height() / scale, imageWidth, imageHeight);
    }
}
