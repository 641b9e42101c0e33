package dev.vigil.core.model;

import dev.vigil.core.error.VigilException;

/**
 * A WGS84 position with an optional compass heading (degrees clockwise from north, the way the
 * camera looks).
 *
 * @param lat latitude in degrees, -90..90
 * @param lon longitude in degrees, -180..180
 * @param heading degrees 0..360, or {@code null} when unknown
 */
public record GeoPoint(double lat, double lon, Double heading) {
    public GeoPoint {
        if (!(lat >= -90 && lat <= 90)) {
            throw VigilException.invalid("lat must be within -90..90, was " + lat);
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw VigilException.invalid("lon must be within -180..180, was " + lon);
        }
        if (heading != null && !(heading >= 0 && heading <= 360)) {
            throw VigilException.invalid("heading must be within 0..360, was " + heading);
        }
    }

    public static GeoPoint of(double lat, double lon) {
        return new GeoPoint(lat, lon, null);
    }

    /** Great-circle distance in metres (haversine on a sphere of radius 6,371,008.8 m). */
    public double distanceMetres(GeoPoint other) {
        double r = 6_371_008.8;
        double p1 = Math.toRadians(lat);
        double p2 = Math.toRadians(other.lat);
        double dp = p2 - p1;
        double dl = Math.toRadians(other.lon - lon);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2)
                + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * r * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
