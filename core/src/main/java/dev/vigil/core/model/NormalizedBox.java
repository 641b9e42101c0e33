package dev.vigil.core.model;

import dev.vigil.core.error.VigilException;

/**
 * An axis-aligned box in normalized image coordinates: {@code (0,0)} is the top-left corner of
 * the picture, {@code (1,1)} the bottom-right, whatever the resolution the box was found at.
 *
 * @param x left edge, 0 to 1
 * @param y top edge, 0 to 1
 * @param width 0 to {@code 1 - x}
 * @param height 0 to {@code 1 - y}
 */
public record NormalizedBox(double x, double y, double width, double height) {
    /** Slack for rounding when a box computed from pixels touches the right or bottom edge. */
    private static final double EPS = 1e-9;

    public NormalizedBox {
        if (!(x >= 0 && y >= 0 && width >= 0 && height >= 0
                && x + width <= 1 + EPS && y + height <= 1 + EPS)) {
            throw VigilException.invalid("box must lie within the unit square, was x=" + x + " y=" + y
                    + " width=" + width + " height=" + height);
        }
    }

    /** The box of pixel rectangle {@code (px, py, pw, ph)} in a {@code frameWidth} x {@code frameHeight} picture, clipped to it. */
    public static NormalizedBox ofPixels(double px, double py, double pw, double ph, int frameWidth, int frameHeight) {
        if (frameWidth <= 0 || frameHeight <= 0) {
            throw VigilException.invalid("frame size must be positive, was " + frameWidth + "x" + frameHeight);
        }
        double x0 = clamp(px / frameWidth);
        double y0 = clamp(py / frameHeight);
        double x1 = clamp((px + pw) / frameWidth);
        double y1 = clamp((py + ph) / frameHeight);
        return new NormalizedBox(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }

    /** The box with corners {@code (x0,y0)} and {@code (x1,y1)}, clipped to the unit square. */
    public static NormalizedBox ofCorners(double x0, double y0, double x1, double y1) {
        double l = clamp(Math.min(x0, x1));
        double t = clamp(Math.min(y0, y1));
        double r = clamp(Math.max(x0, x1));
        double b = clamp(Math.max(y0, y1));
        return new NormalizedBox(l, t, r - l, b - t);
    }

    public double right() {
        return x + width;
    }

    public double bottom() {
        return y + height;
    }

    public double area() {
        return width * height;
    }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }

    /** Intersection over union with {@code other}, 0 when they do not overlap. */
    public double iou(NormalizedBox other) {
        double inter = intersectionArea(other);
        double union = area() + other.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** The area the two boxes share. */
    public double intersectionArea(NormalizedBox other) {
        double w = Math.min(right(), other.right()) - Math.max(x, other.x);
        double h = Math.min(bottom(), other.bottom()) - Math.max(y, other.y);
        return w <= 0 || h <= 0 ? 0 : w * h;
    }

    /** The smallest box holding both. */
    public NormalizedBox union(NormalizedBox other) {
        return ofCorners(Math.min(x, other.x), Math.min(y, other.y),
                Math.max(right(), other.right()), Math.max(bottom(), other.bottom()));
    }

    private static double clamp(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }
}
