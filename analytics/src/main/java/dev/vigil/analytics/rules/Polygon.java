package dev.vigil.analytics.rules;

import dev.vigil.core.error.VigilException;
import java.util.List;

/**
 * A zone: a simple polygon of at least three normalized points, closed implicitly (the last
 * point joins the first).
 */
public record Polygon(List<NormalizedPoint> points) {
    public Polygon {
        points = List.copyOf(points);
        if (points.size() < 3) {
            throw VigilException.invalid("a zone needs at least 3 points, had " + points.size());
        }
    }

    public static Polygon of(double... xy) {
        if (xy.length % 2 != 0) {
            throw VigilException.invalid("zone coordinates come in x,y pairs, had " + xy.length + " numbers");
        }
        NormalizedPoint[] pts = new NormalizedPoint[xy.length / 2];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = new NormalizedPoint(xy[2 * i], xy[2 * i + 1]);
        }
        return new Polygon(List.of(pts));
    }

    /** Whether {@code p} is inside (even-odd rule; a point exactly on an edge may go either way). */
    public boolean contains(NormalizedPoint p) {
        boolean inside = false;
        int n = points.size();
        for (int i = 0, j = n - 1; i < n; j = i++) {
            NormalizedPoint a = points.get(i);
            NormalizedPoint b = points.get(j);
            if ((a.y() > p.y()) != (b.y() > p.y())
                    && p.x() < (b.x() - a.x()) * (p.y() - a.y()) / (b.y() - a.y()) + a.x()) {
                inside = !inside;
            }
        }
        return inside;
    }
}
