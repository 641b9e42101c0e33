package dev.vigil.analytics.detect;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.NormalizedBox;

/**
 * A rectangle in pixels of an {@link AnalysisImage}.
 *
 * @param x left, 0 or more
 * @param y top, 0 or more
 * @param width 1 or more
 * @param height 1 or more
 */
public record PixelRect(int x, int y, int width, int height) {
    public PixelRect {
        if (x < 0 || y < 0 || width < 1 || height < 1) {
            throw VigilException.invalid("bad pixel rectangle " + x + "," + y + " " + width + "x" + height);
        }
    }

    public int right() {
        return x + width;
    }

    public int bottom() {
        return y + height;
    }

    public long area() {
        return (long) width * height;
    }

    public boolean overlaps(PixelRect o) {
        return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
    }

    public PixelRect union(PixelRect o) {
        int l = Math.min(x, o.x);
        int t = Math.min(y, o.y);
        return new PixelRect(l, t, Math.max(right(), o.right()) - l, Math.max(bottom(), o.bottom()) - t);
    }

    /** This rectangle in normalized coordinates of an {@code imageWidth x imageHeight} picture. */
    public NormalizedBox normalized(int imageWidth, int imageHeight) {
        return NormalizedBox.ofPixels(x, y, width, height, imageWidth, imageHeight);
    }

    /** The pixel rectangle covering {@code box} in an {@code imageWidth x imageHeight} picture. */
    public static PixelRect of(NormalizedBox box, int imageWidth, int imageHeight) {
        int l = (int) Math.floor(box.x() * imageWidth);
        int t = (int) Math.floor(box.y() * imageHeight);
        int r = Math.min(imageWidth, (int) Math.ceil(box.right() * imageWidth));
        int b = Math.min(imageHeight, (int) Math.ceil(box.bottom() * imageHeight));
        return new PixelRect(Math.min(l, imageWidth - 1), Math.min(t, imageHeight - 1),
                Math.max(1, r - l), Math.max(1, b - t));
    }
}
