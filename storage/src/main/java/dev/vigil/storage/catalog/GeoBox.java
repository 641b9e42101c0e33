package dev.vigil.storage.catalog;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.GeoPoint;

/**
 * A latitude/longitude box, edges included: the prefilter of every area search.
 *
 * <p>Boxes do not wrap around the antimeridian: {@code minLon <= maxLon} always. A circle that
 * would cross it (or a pole) gets a box over all longitudes, which is correct, only less selective.
 *
 * @param minLat southern edge, degrees, -90..90
 * @param minLon western edge, degrees, -180..180
 * @param maxLat northern edge, at least {@code minLat}
 * @param maxLon eastern edge, at least {@code minLon}
 */
public record GeoBox(double minLat, double minLon, double maxLat, double maxLon) {
    /** Mean Earth radius in metres (IUGG), the one {@link GeoPoint#distanceMetres} uses. */
    static final double EARTH_RADIUS_METRES = 6_371_008.8;
    /** The largest search radius: a quarter of the Earth's circumference. */
    public static final double MAX_RADIUS_METRES = 10_000_000;

    public GeoBox {
        checkLat("minLat", minLat);
        checkLat("maxLat", maxLat);
        checkLon("minLon", minLon);
        checkLon("maxLon", maxLon);
        if (minLat > maxLat) {
            throw VigilException.invalid("box: minLat " + minLat + " is north of maxLat " + maxLat);
        }
        if (minLon > maxLon) {
            throw VigilException.invalid("box: minLon " + minLon + " is east of maxLon " + maxLon
                    + " (boxes across the antimeridian are not supported; search two boxes)");
        }
    }

    /**
     * The smallest box (up to rounding, widened by a millionth of a degree) that holds every point
     * within {@code radiusMetres} of {@code centre} on the haversine sphere.
     *
     * @param radiusMetres more than 0, at most {@link #MAX_RADIUS_METRES}
     */
    public static GeoBox around(GeoPoint centre, double radiusMetres) {
        if (!(radiusMetres > 0 && radiusMetres <= MAX_RADIUS_METRES)) {
            throw VigilException.invalid("radius must be within 0..10,000,000 m (exclusive of 0), was " + radiusMetres);
        }
        double slack = 1e-6;
        double dLat = Math.toDegrees(radiusMetres / EARTH_RADIUS_METRES) + slack;
        double minLat = centre.lat() - dLat;
        double maxLat = centre.lat() + dLat;
        if (minLat <= -90 || maxLat >= 90) {
            // A pole is inside the circle: every longitude is.
            return new GeoBox(Math.max(-90, minLat), -180, Math.min(90, maxLat), 180);
        }
        // The widest point of the circle in longitude (not at the centre's latitude): asin(sin r / cos lat).
        double sinRatio = Math.sin(radiusMetres / EARTH_RADIUS_METRES) / Math.cos(Math.toRadians(centre.lat()));
        if (sinRatio >= 1) {
            return new GeoBox(minLat, -180, maxLat, 180);
        }
        double dLon = Math.toDegrees(Math.asin(sinRatio)) + slack;
        double minLon = centre.lon() - dLon;
        double maxLon = centre.lon() + dLon;
        if (minLon < -180 || maxLon > 180) {
            return new GeoBox(minLat, -180, maxLat, 180);
        }
        return new GeoBox(minLat, minLon, maxLat, maxLon);
    }

    /** Whether the point lies in the box, edges included. */
    public boolean contains(double lat, double lon) {
        return lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon;
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
