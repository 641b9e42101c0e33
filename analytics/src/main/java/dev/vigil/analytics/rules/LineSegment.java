package dev.vigil.analytics.rules;

import dev.vigil.core.error.VigilException;
import java.util.Optional;

/**
 * A counting line from {@code a} to {@code b} in normalized coordinates.
 *
 * <p>Implementation note: the side of a point is the sign of the 2-D cross product
 * {@code (b - a) x (p - a)}. A move from a point on one side to a point on the other crosses the
 * line when the two segments intersect (parameters of both in [0, 1]). The direction of a move
 * from the negative to the positive side is the line's normal {@code (-dy, dx)}; its larger
 * component names it ({@link CrossingDirection}).
 */
public record LineSegment(NormalizedPoint a, NormalizedPoint b) {
    public LineSegment {
        if (a.distanceTo(b) < 1e-6) {
            throw VigilException.invalid("a line needs two distinct points, had " + a + " twice");
        }
    }

    public static LineSegment of(double ax, double ay, double bx, double by) {
        return new LineSegment(new NormalizedPoint(ax, ay), new NormalizedPoint(bx, by));
    }

    /** +1 or -1 for the two sides, 0 on the (infinite) line. */
    public int side(NormalizedPoint p) {
        double c = (b.x() - a.x()) * (p.y() - a.y()) - (b.y() - a.y()) * (p.x() - a.x());
        return c > 0 ? 1 : c < 0 ? -1 : 0;
    }

    /**
     * The direction of a move from {@code from} to {@code to} if it crosses this segment, going
     * from one side strictly to the other; empty if it stays on a side, ends on the line, or passes
     * beyond the segment's ends.
     */
    public Optional<CrossingDirection> crossing(NormalizedPoint from, NormalizedPoint to) {
        int s0 = side(from);
        int s1 = side(to);
        if (s0 == 0 || s1 == 0 || s0 == s1) {
            return Optional.empty();
        }
        // Where does the move's line cut a..b? u in [0,1] means within the segment.
        double rx = to.x() - from.x();
        double ry = to.y() - from.y();
        double sx = b.x() - a.x();
        double sy = b.y() - a.y();
        double denom = rx * sy - ry * sx;
        if (denom == 0) {
            return Optional.empty();
        }
        double u = ((a.x() - from.x()) * ry - (a.y() - from.y()) * rx) / denom;
        if (u < 0 || u > 1) {
            return Optional.empty();
        }
        return Optional.of(s1 > 0 ? positiveDirection() : opposite(positiveDirection()));
    }

    /** The direction of a crossing from the negative to the positive side. */
    CrossingDirection positiveDirection() {
        double nx = -(b.y() - a.y());
        double ny = b.x() - a.x();
        if (Math.abs(nx) >= Math.abs(ny)) {
            return nx > 0 ? CrossingDirection.LEFT_TO_RIGHT : CrossingDirection.RIGHT_TO_LEFT;
        }
        return ny > 0 ? CrossingDirection.TOP_TO_BOTTOM : CrossingDirection.BOTTOM_TO_TOP;
    }

    static CrossingDirection opposite(CrossingDirection d) {
        return switch (d) {
            case LEFT_TO_RIGHT -> CrossingDirection.RIGHT_TO_LEFT;
            case RIGHT_TO_LEFT -> CrossingDirection.LEFT_TO_RIGHT;
            case TOP_TO_BOTTOM -> CrossingDirection.BOTTOM_TO_TOP;
            case BOTTOM_TO_TOP -> CrossingDirection.TOP_TO_BOTTOM;
        };
    }
}
