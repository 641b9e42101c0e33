package dev.vigil.api.routes;

import dev.vigil.api.http.FieldError;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.SiteId;

/** Body fields turned into typed values, each failure a {@link FieldError} naming the field. */
final class Fields {
    private Fields() {}

    static SiteId siteId(String field, String value) {
        try {
            return SiteId.of(value);
        } catch (VigilException e) {
            throw new FieldError(field, field + ": " + e.getMessage());
        }
    }

    static CameraId cameraId(String field, String value) {
        try {
            return CameraId.of(value);
        } catch (VigilException e) {
            throw new FieldError(field, field + ": " + e.getMessage());
        }
    }

    /** A location from optional {@code lat}, {@code lon}, {@code heading}; both or neither of lat and lon. */
    static GeoPoint location(Double lat, Double lon, Double heading) {
        if (lat == null && lon == null) {
            if (heading != null) {
                throw new FieldError("heading", "heading: needs lat and lon");
            }
            return null;
        }
        if (lat == null || lon == null) {
            throw new FieldError(lat == null ? "lat" : "lon", "lat and lon: give both or neither");
        }
        try {
            return new GeoPoint(lat, lon, heading);
        } catch (VigilException e) {
            String m = e.getMessage();
            throw new FieldError(m.startsWith("lat") ? "lat" : m.startsWith("lon") ? "lon" : "heading", m);
        }
    }
}
