package dev.vigil.analytics.rules;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.NormalizedBox;

/**
 * A point in normalized image coordinates: {@code (0,0)} top-left, {@code (1,1)} bottom-right.
 *
 * @param x 0 to 1, rightwards
 * @param y 0 to 1, downwards
 */
public record NormalizedPoint(double x, double y) {
    public NormalizedPoint {
        if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) {
            throw VigilException.invalid("point must lie within the unit square, was (" + x + ", " + y + ")");
        }
    }

    /**
     * The point of a box that rules test against zones and lines: the middle of its bottom edge,
     * where a person's feet or a vehicle's wheels meet the ground. A box's centre would put a
     * tall person's anchor metres behind a line they already stepped over.
     */
    public static NormalizedPoint anchorOf(NormalizedBox box) {
        return new NormalizedPoint(box.centerX(), box.bottom());
    }

    public double distanceTo(NormalizedPoint other) {
        return Math.hypot(x - other.x, y - other.y);
    }
}
