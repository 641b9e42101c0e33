package dev.vigil.storage.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.search.SearchArea;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AreaBoundsTest {
    private static final GeoPoint HANOI = GeoPoint.of(21.0285, 105.8542);

    @Test
    void everyPointWithinTheRadiusLiesInTheBox() {
        SplittableRandom random = new SplittableRandom(7);
        for (double lat : new double[] {0, 21.0285, -33.9, 60, 78.2}) {
            GeoPoint centre = GeoPoint.of(lat, 10);
            for (double radius : new double[] {50, 500, 5_000, 50_000}) {
                SearchArea.Bounds box = SearchArea.Bounds.around(centre, radius);
                for (int i = 0; i < 2_000; i++) {
                    // Points on the circle itself (the hardest case), every bearing.
                    double bearing = random.nextDouble() * 2 * Math.PI;
                    GeoPoint p = destination(centre, bearing, radius * 0.999_999);
                    assertTrue(box.contains(p.lat(), p.lon()), centre + " r=" + radius + " " + p + " " + box);
                }
            }
        }
    }

    @Test
    void theBoxIsTight() {
        SearchArea.Bounds box = SearchArea.Bounds.around(HANOI, 1_000);
        // 1 km is about 0.009 degrees of latitude; of longitude, 0.009 / cos(21 degrees).
        assertEquals(0.008_993, (box.maxLat() - box.minLat()) / 2, 1e-5);
        assertEquals(0.008_993 / Math.cos(Math.toRadians(21.0285)), (box.maxLon() - box.minLon()) / 2, 1e-5);
        GeoPoint east = destination(HANOI, Math.PI / 2, 1_100);
        assertFalse(box.contains(east.lat(), east.lon()));
    }

    @Test
    void aCircleOverAPoleOrTheAntimeridianSpansAllLongitudes() {
        SearchArea.Bounds polar = SearchArea.Bounds.around(GeoPoint.of(89.99, 0), 5_000);
        assertEquals(-180, polar.minLon());
        assertEquals(180, polar.maxLon());
        assertEquals(90, polar.maxLat());
        SearchArea.Bounds fiji = SearchArea.Bounds.around(GeoPoint.of(-17.7, 179.99), 5_000);
        assertEquals(-180, fiji.minLon());
        assertEquals(180, fiji.maxLon());
    }

    @Test
    void badBoxesAndRadiiAreInvalidArguments() {
        assertEquals(ErrorKind.INVALID_ARGUMENT, assertThrows(VigilException.class,
                () -> new SearchArea.Bounds(10, 0, 9, 1)).kind());
        VigilException wrap = assertThrows(VigilException.class, () -> new SearchArea.Bounds(0, 170, 1, -170));
        assertTrue(wrap.getMessage().contains("antimeridian"), wrap.getMessage());
        assertThrows(VigilException.class, () -> new SearchArea.Bounds(-91, 0, 0, 1));
        assertThrows(VigilException.class, () -> SearchArea.Bounds.around(HANOI, 0));
        assertThrows(VigilException.class, () -> SearchArea.Bounds.around(HANOI, Double.NaN));
        assertThrows(VigilException.class, () -> SearchArea.Bounds.around(HANOI, 20_000_000));
    }

    /** The point {@code metres} from {@code start} along the great circle with {@code bearing}. */
    static GeoPoint destination(GeoPoint start, double bearing, double metres) {
        double d = metres / SearchArea.Bounds.EARTH_RADIUS_METRES;
        double lat1 = Math.toRadians(start.lat());
        double lon1 = Math.toRadians(start.lon());
        double lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(bearing));
        double lon2 = lon1 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(lat1),
                Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
        return GeoPoint.of(Math.toDegrees(lat2), Math.toDegrees(lon2));
    }
}
