package dev.vigil.core.search;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.GeoPoint;
import java.util.List;
import java.util.Objects;

/**
 * Where a recording search looks: a box, a circle or a polygon on the WGS84 globe. Each says
 * whether a camera's position lies inside it and how far north, south, east and west it reaches
 * ({@link #bounds()}), which the catalog turns into index lookups.
 *
 * <p>Not supported: areas across the antimeridian (longitude 180) and polygons around a pole;
 * a city's cameras never need them, and a caller can search two areas instead. Circles near a
 * pole work (their bounds then span every longitude).
 */
public sealed interface SearchArea permits SearchArea.Box, SearchArea.Circle, SearchArea.Polygon {
    /** The largest circle radius: 50 km, a metropolitan area. */
    double MAX_RADIUS_METRES = 50_000;
    /** The most polygon vertices. */
    int MAX_VERTICES = 1_000;

    /** Whether a camera at {@code point} is inside (edges included). */
    boolean contains(GeoPoint point);

    /** The smallest latitude/longitude box holding the area (for circles: see {@link Circle#bounds()}). */
    Bounds bounds();

    /**
     * A latitude/longitude box, edges included.
     *
     * @param minLat south edge, -90..90, not north of {@code maxLat}
     * @param minLon west edge, -180..180, not east of {@code maxLon}
     * @param maxLat north edge
     * @param maxLon east edge
     */
    record Bounds(double minLat, double minLon, double maxLat, double maxLon) {
        public Bounds {
            checkLat("minLat", minLat);
            checkLat("maxLat", maxLat);
            checkLon("minLon", minLon);
            checkLon("maxLon", maxLon);
            if (minLat > maxLat) {
                throw VigilException.invalid("box: minLat " + minLat + " is north of maxLat " + maxLat);
            }
            if (minLon > maxLon) {
                throw VigilException.invalid("box: minLon " + minLon + " is east of maxLon " + maxLon
                        + " (areas across the antimeridian are not supported; search two boxes)");
            }
        }

        /** Mean Earth radius in metres (IUGG), the one {@link GeoPoint#distanceMetres} uses. */
        public static final double EARTH_RADIUS_METRES = 6_371_008.8;
        /** The largest radius {@link #around} takes: a quarter of the Earth's circumference. */
        public static final double MAX_AROUND_METRES = 10_000_000;

        /**
         * The smallest box (up to rounding, widened by a millionth of a degree) that holds every
         * point within {@code radiusMetres} of {@code centre} on the haversine sphere; every
         * longitude when a pole or the antimeridian is within reach (correct, only less selective).
         *
         * @param radiusMetres more than 0, at most {@link #MAX_AROUND_METRES}
         */
        public static Bounds around(GeoPoint centre, double radiusMetres) {
            if (!(radiusMetres > 0 && radiusMetres <= MAX_AROUND_METRES)) {
                throw VigilException.invalid("radius must be within 0..10,000,000 m (exclusive of 0), was "
                        + radiusMetres);
            }
            double slack = 1e-6;
            double dLat = Math.toDegrees(radiusMetres / EARTH_RADIUS_METRES) + slack;
            double minLat = centre.lat() - dLat;
            double maxLat = centre.lat() + dLat;
            if (minLat <= -90 || maxLat >= 90) {
                return new Bounds(Math.max(-90, minLat), -180, Math.min(90, maxLat), 180);
            }
            // The circle's widest longitude is not at the centre's latitude: asin(sin r / cos lat).
            double sinRatio = Math.sin(radiusMetres / EARTH_RADIUS_METRES) / Math.cos(Math.toRadians(centre.lat()));
            if (sinRatio >= 1) {
                return new Bounds(minLat, -180, maxLat, 180);
            }
            double dLon = Math.toDegrees(Math.asin(sinRatio)) + slack;
            if (centre.lon() - dLon < -180 || centre.lon() + dLon > 180) {
                return new Bounds(minLat, -180, maxLat, 180);
            }
            return new Bounds(minLat, centre.lon() - dLon, maxLat, centre.lon() + dLon);
        }

        public boolean contains(GeoPoint p) {
            return contains(p.lat(), p.lon());
        }

        /** Whether the point lies in the box, edges included. */
        public boolean contains(double lat, double lon) {
            return lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon;
        }
    }

    /** A latitude/longitude box, edges included. */
    record Box(Bounds bounds) implements SearchArea {
        public Box {
            Objects.requireNonNull(bounds, "bounds");
        }

        public static Box of(double minLat, double minLon, double maxLat, double maxLon) {
            return new Box(new Bounds(minLat, minLon, maxLat, maxLon));
        }

        @Override
        public boolean contains(GeoPoint point) {
            return bounds.contains(point);
        }
    }

    /**
     * Every point within {@code radiusMetres} of {@code centre} along the great circle (haversine
     * on the sphere of {@link GeoPoint#distanceMetres}), the edge included.
     *
     * @param radiusMetres more than 0, at most {@link #MAX_RADIUS_METRES}
     */
    record Circle(GeoPoint centre, double radiusMetres) implements SearchArea {
        public Circle {
            Objects.requireNonNull(centre, "centre");
            if (!(radiusMetres > 0 && radiusMetres <= MAX_RADIUS_METRES)) {
                throw VigilException.invalid("radius must be more than 0 and at most " + (long) MAX_RADIUS_METRES
                        + " m, was " + radiusMetres);
            }
        }

        @Override
        public boolean contains(GeoPoint point) {
            return centre.distanceMetres(point) <= radiusMetres;
        }

        /** The smallest box holding the circle ({@link Bounds#around}). */
        @Override
        public Bounds bounds() {
            return Bounds.around(centre, radiusMetres);
        }
    }

    /**
     * A simple polygon given by its vertices in order (either direction), closed from the last
     * vertex back to the first. Edges are straight lines in latitude/longitude (equirectangular),
     * not great-circle arcs: over a city's few kilometres the two differ by millimetres.
     *
     * @param vertices 3 to {@link #MAX_VERTICES}, spanning less than 180 degrees of longitude
     */
    record Polygon(List<GeoPoint> vertices) implements SearchArea {
        public Polygon {
            vertices = List.copyOf(Objects.requireNonNull(vertices, "vertices"));
            if (vertices.size() < 3 || vertices.size() > MAX_VERTICES) {
                throw VigilException.invalid("a polygon needs 3 to " + MAX_VERTICES + " vertices, had "
                        + vertices.size());
            }
            double minLon = vertices.stream().mapToDouble(GeoPoint::lon).min().orElseThrow();
            double maxLon = vertices.stream().mapToDouble(GeoPoint::lon).max().orElseThrow();
            if (maxLon - minLon >= 180) {
                throw VigilException.invalid("a polygon must span less than 180 degrees of longitude, spanned "
                        + (maxLon - minLon) + " (areas across the antimeridian are not supported)");
            }
        }

        @Override
        public Bounds bounds() {
            return new Bounds(vertices.stream().mapToDouble(GeoPoint::lat).min().orElseThrow(),
                    vertices.stream().mapToDouble(GeoPoint::lon).min().orElseThrow(),
                    vertices.stream().mapToDouble(GeoPoint::lat).max().orElseThrow(),
                    vertices.stream().mapToDouble(GeoPoint::lon).max().orElseThrow());
        }

        /**
         * Even-odd rule (a ray cast towards the east counts edge crossings, W. R. Franklin's
         * PNPOLY), after a check that puts points on an edge or vertex inside.
         */
        @Override
        public boolean contains(GeoPoint point) {
            double y = point.lat();
            double x = point.lon();
            boolean inside = false;
            for (int i = 0, j = vertices.size() - 1; i < vertices.size(); j = i++) {
                double yi = vertices.get(i).lat();
                double xi = vertices.get(i).lon();
                double yj = vertices.get(j).lat();
                double xj = vertices.get(j).lon();
                if (onSegment(x, y, xi, yi, xj, yj)) {
                    return true;
                }
                if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                    inside = !inside;
                }
            }
            return inside;
        }

        private static boolean onSegment(double x, double y, double x1, double y1, double x2, double y2) {
            double cross = (x - x1) * (y2 - y1) - (y - y1) * (x2 - x1);
            double scale = Math.max(Math.abs(x2 - x1), Math.abs(y2 - y1));
            return Math.abs(cross) <= 1e-12 * Math.max(scale, 1e-9)
                    && x >= Math.min(x1, x2) && x <= Math.max(x1, x2) && y >= Math.min(y1, y2) && y <= Math.max(y1, y2);
        }
    }

    private static void checkLat(String name, double value) {
        if (!(value >= -90 && value <= 90)) {
            throw VigilException.invalid("box: " + name + " must be within -90..90, was " + value);
        }
    }

    private static void checkLon(String name, double value) {
        if (!(value >= -180 && value <= 180)) {
            throw VigilException.invalid("box: " + name + " must be within -180..180, was " + value);
        }
    }
}
