package dev.vigil.core.config;

import dev.vigil.core.model.GeoPoint;

/**
 * A position as written in the config; {@link ConfigValidator} checks the ranges.
 *
 * @param lat degrees, -90..90
 * @param lon degrees, -180..180
 * @param heading degrees clockwise from north, 0..360; optional
 */
public record LocationConfig(Double lat, Double lon, Double heading) {
    /** The validated point; call only after validation. */
    public GeoPoint toGeoPoint() {
        return new GeoPoint(lat, lon, heading);
    }
}
