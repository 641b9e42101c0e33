package dev.vigil.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchAreaTest {
    private static final GeoPoint HANOI = GeoPoint.of(21.0285, 105.8542);

    @Test
    void circleBoundsHoldTheCircleAndReachEveryLongitudeNearAPole() {
        SearchArea.Circle circle = new SearchArea.Circle(HANOI, 1000);
        SearchArea.Bounds b = circle.bounds();
        for (int bearing = 0; bearing < 360; bearing += 5) {
            GeoPoint edge = destination(HANOI, 999.999, bearing);
            assertTrue(circle.contains(edge), "bearing " + bearing);
            assertTrue(b.contains(edge), "bounds hold bearing " + bearing);
        }
        assertEquals(1000 / 111_195.0, b.maxLat() - HANOI.lat(), 1e-5);
        SearchArea.Bounds polar = new SearchArea.Circle(GeoPoint.of(89.9, 10), 20_000).bounds();
        assertEquals(-180, polar.minLon());
        assertEquals(180, polar.maxLon());
        assertEquals(90, polar.maxLat());
    }

    @Test
    void refusesWhatItCannotSearchWithTheReason() {
        assertEquals("radius must be more than 0 and at most 50000 m, was 0.0",
                assertThrows(VigilException.class, () -> new SearchArea.Circle(HANOI, 0)).getMessage());
        assertThrows(VigilException.class, () -> new SearchArea.Circle(HANOI, 50_001));
        assertThrows(VigilException.class, () -> new SearchArea.Circle(HANOI, Double.NaN));
        VigilException wrapped = assertThrows(VigilException.class, () -> SearchArea.Box.of(10, 179, 11, -179));
        assertEquals(ErrorKind.INVALID_ARGUMENT, wrapped.kind());
        assertTrue(wrapped.getMessage().contains("antimeridian"), wrapped.getMessage());
        assertThrows(VigilException.class, () -> SearchArea.Box.of(11, 1, 10, 2));
        assertThrows(VigilException.class, () -> SearchArea.Box.of(-91, 1, 10, 2));
        assertTrue(assertThrows(VigilException.class, () -> new SearchArea.Polygon(List.of(GeoPoint.of(0, -170),
                GeoPoint.of(1, 170), GeoPoint.of(2, 0)))).getMessage().contains("antimeridian"));
        assertThrows(VigilException.class, () -> new SearchArea.Polygon(List.of(HANOI, HANOI)));
        Instant t = Instant.parse("2026-11-26T10:00:00Z");
        SearchArea box = SearchArea.Box.of(21, 105, 22, 106);
        assertTrue(assertThrows(VigilException.class, () -> new RecordingQuery(TimeRange.of(t, t), box, null))
                .getMessage().contains("empty"));
        assertThrows(VigilException.class, () -> new RecordingQuery(TimeRange.of(t, t.plus(Duration.ofDays(8))), box,
                null));
        assertThrows(VigilException.class, () -> TimeRange.of(t, t.minusSeconds(1)));
    }

    @Test
    void polygonUsesTheEvenOddRuleWithEdgesInside() {
        // A concave "C" open to the east.
        SearchArea.Polygon c = new SearchArea.Polygon(List.of(GeoPoint.of(0, 0), GeoPoint.of(0, 3),
                GeoPoint.of(1, 3), GeoPoint.of(1, 1), GeoPoint.of(2, 1), GeoPoint.of(2, 3), GeoPoint.of(3, 3),
                GeoPoint.of(3, 0)));
        assertTrue(c.contains(GeoPoint.of(0.5, 2)));
        assertTrue(c.contains(GeoPoint.of(2.5, 2)));
        assertTrue(c.contains(GeoPoint.of(1.5, 0.5)));
        assertFalse(c.contains(GeoPoint.of(1.5, 2)), "inside the mouth of the C");
        assertTrue(c.contains(GeoPoint.of(1.5, 1)), "on the inner edge");
        assertTrue(c.contains(GeoPoint.of(3, 3)), "a vertex");
        assertTrue(c.contains(GeoPoint.of(0, 1.5)), "on the south edge");
        assertFalse(c.contains(GeoPoint.of(-1e-9, 1.5)));
        assertFalse(c.contains(GeoPoint.of(1.5, 3.0000001)));
        assertEquals(new SearchArea.Bounds(0, 0, 3, 3), c.bounds());
    }

    static GeoPoint destination(GeoPoint start, double metres, double bearing) {
        double d = metres / 6_371_008.8;
        double lat1 = Math.toRadians(start.lat());
        double theta = Math.toRadians(bearing);
        double lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(theta));
        double lon2 = Math.toRadians(start.lon()) + Math.atan2(Math.sin(theta) * Math.sin(d) * Math.cos(lat1),
                Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
        return GeoPoint.of(Math.toDegrees(lat2), Math.toDegrees(lon2));
    }
}
