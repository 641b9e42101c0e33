package dev.vigil.storage.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.model.TimeRange;
import dev.vigil.core.search.CameraCoverage;
import dev.vigil.core.search.RecordingQuery;
import dev.vigil.core.search.RecordingSearchResult;
import dev.vigil.core.search.SearchArea;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Search correctness on a generated catalog whose answers are known by construction, on the
 * embedded H2 database and on a real PostgreSQL: cameras a few centimetres inside and outside a
 * radius, a box and a polygon; segments overlapping the window's edges, touching them, seams
 * merged or not; a camera that moved out of the area; the kind filter; the row limit. Both index
 * paths (a list of grid cells, and the time index for a big area) give the same answers. Areas
 * across the antimeridian or around a pole are refused up front, not searched (SearchAreaTest).
 */
@Timeout(180)
class CatalogRecordingSearchIT {
    /** Hoan Kiem, Hanoi: the point of a citizen's report. */
    private static final GeoPoint REPORT = GeoPoint.of(21.0285, 105.8542);
    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
    private static final TimeRange WINDOW = TimeRange.of(T, T.plusSeconds(1200)); // 10:00-10:20

    @RegisterExtension
    static final TestCatalogs catalogs = new TestCatalogs();

    static List<String> databases() {
        return TestCatalogs.databases().toList();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void radiusFindsTheCamerasJustInsideWithTheirCoverage(String database) {
        try (Catalog catalog = catalogs.open(database)) {
            RecordingRepository repo = new RecordingRepository(catalog.dataSource());
            List<Recording> rows = new ArrayList<>();
            // edges: 09:58:30-09:59:30 before, 09:59:30-10:01:30 over the start, a gap, 10:05-10:06,
            // a gap, 10:19:30-10:20:30 over the end, then one after.
            GeoPoint near = destination(REPORT, 999.9, 0);
            rows.add(segment("edges", near, "09:58:30", 60));
            rows.add(segment("edges", near, "09:59:30", 60));
            rows.add(segment("edges", near, "10:00:30", 60));
            rows.add(segment("edges", near, "10:05:00", 60));
            rows.add(segment("edges", near, "10:19:30", 60));
            rows.add(segment("edges", near, "10:20:30", 60));
            // just outside the radius, recording all the time
            GeoPoint far = destination(REPORT, 1000.1, 90);
            rows.add(segment("outside", far, "10:00:00", 1200));
            // seams of 0.5 s merge, of 1.5 s do not
            GeoPoint centre = destination(REPORT, 10, 200);
            rows.add(segment("seams", centre, "09:59:00", 120)); // to 10:01:00
            rows.add(segment("seams", centre, "10:01:00.500", 119)); // to 10:02:59.500
            rows.add(segment("seams", centre, "10:03:01", 60)); // 1.5 s after
            // touching the window's edges from outside: never found (half-open)
            rows.add(segment("touching", centre, "09:59:00", 60)); // ends 10:00:00
            rows.add(segment("touching", centre, "10:20:00", 60)); // starts 10:20:00
            // moved: inside at 10:02, 2 km away from 10:10
            rows.add(segment("moved", destination(REPORT, 500, 45), "10:02:00", 60));
            rows.add(segment("moved", destination(REPORT, 2000, 45), "10:10:00", 60));
            // a traffic camera inside
            rows.add(new Recording(CameraId.of("traffic-1"), SiteId.of("road"), CameraKind.TRAFFIC,
                    at("10:10:00"), at("10:11:00"), 1000, Codec.H264, 1920, 1080, "k/traffic-1/1",
                    TestCatalogs.sha256Of("k/traffic-1/1"), destination(REPORT, 300, 300)));
            // no position: never found
            rows.add(segment("nowhere", null, "10:00:00", 60));
            rows.forEach(repo::insert);

            Map<CameraId, String> names = Map.of(CameraId.of("edges"), "Trang Tien corner");
            CatalogRecordingSearch search = new CatalogRecordingSearch(catalog.dataSource(), names::get);
            RecordingSearchResult result = search.search(new RecordingQuery(WINDOW,
                    new SearchArea.Circle(REPORT, 1000), null));
            assertEquals(List.of("seams", "traffic-1", "moved", "edges"), ids(result), "nearest first");

            CameraCoverage edges = camera(result, "edges");
            assertEquals("Trang Tien corner", edges.name());
            assertEquals(999.9, edges.distanceMetres(), 0.001);
            assertEquals(CameraKind.SECURITY, edges.kind());
            assertEquals(List.of(range("10:00:00", "10:01:30"), range("10:05:00", "10:06:00"),
                    range("10:19:30", "10:20:00")), edges.covered());
            assertEquals(List.of(range("10:01:30", "10:05:00"), range("10:06:00", "10:19:30")), edges.gaps());

            CameraCoverage seams = camera(result, "seams");
            assertEquals("seams", seams.name(), "the id when no name is known");
            assertEquals(List.of(range("10:00:00", "10:02:59.500"), range("10:03:01", "10:04:01")), seams.covered());
            assertEquals(List.of(range("10:02:59.500", "10:03:01"), range("10:04:01", "10:20:00")), seams.gaps());

            CameraCoverage moved = camera(result, "moved");
            assertEquals(List.of(range("10:02:00", "10:03:00")), moved.covered(), "only what it recorded inside");
            assertEquals(500, moved.distanceMetres(), 0.001);
            assertEquals(CameraKind.TRAFFIC, camera(result, "traffic-1").kind());

            // The same through the time index (5 km covers more than 32 cells), and by kind.
            RecordingSearchResult wide = search.search(new RecordingQuery(WINDOW, new SearchArea.Circle(REPORT, 5000),
                    null));
            assertEquals(List.of("seams", "traffic-1", "edges", "outside", "moved"), ids(wide));
            assertEquals(edges, camera(wide, "edges"));
            assertEquals(List.of(range("10:02:00", "10:03:00"), range("10:10:00", "10:11:00")),
                    camera(wide, "moved").covered(), "within 5 km it was inside all along");
            assertEquals(List.of("traffic-1"), ids(search.search(new RecordingQuery(WINDOW,
                    new SearchArea.Circle(REPORT, 1000), CameraKind.TRAFFIC))));
            assertEquals(List.of(), ids(search.search(new RecordingQuery(WINDOW,
                    new SearchArea.Circle(REPORT, 1000), CameraKind.QUARANTINE))));

            // A window before everything finds nothing; the row limit refuses rather than cut short.
            assertEquals(List.of(), ids(search.search(new RecordingQuery(TimeRange.of(at("08:00:00"), at("09:00:00")),
                    new SearchArea.Circle(REPORT, 1000), null))));
            VigilException tooMany = assertThrows(VigilException.class, () -> new CatalogRecordingSearch(
                    catalog.dataSource(), names::get, 5).search(new RecordingQuery(WINDOW,
                    new SearchArea.Circle(REPORT, 5000), null)));
            assertEquals(ErrorKind.RESOURCE_EXHAUSTED, tooMany.kind());
            assertTrue(tooMany.getMessage().contains("narrow the window or the area"), tooMany.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void boxAndPolygonIncludeTheirEdgesAndNothingPast(String database) {
        try (Catalog catalog = catalogs.open(database)) {
            RecordingRepository repo = new RecordingRepository(catalog.dataSource());
            double minLat = 21.02;
            double maxLat = 21.03;
            double minLon = 105.85;
            double maxLon = 105.86;
            double eps = 1e-7; // about a centimetre
            Map<String, GeoPoint> cameras = Map.of(
                    "on-north-edge", GeoPoint.of(maxLat, 105.855),
                    "on-corner", GeoPoint.of(minLat, minLon),
                    "just-inside-east", GeoPoint.of(21.025, maxLon - eps),
                    "just-outside-east", GeoPoint.of(21.025, maxLon + eps),
                    "just-outside-south", GeoPoint.of(minLat - eps, 105.855),
                    "notch", GeoPoint.of(21.027, 105.857));
            for (Map.Entry<String, GeoPoint> c : cameras.entrySet()) {
                repo.insert(segment(c.getKey(), c.getValue(), "10:05:00", 60));
            }
            CatalogRecordingSearch search = new CatalogRecordingSearch(catalog.dataSource(), id -> null);

            RecordingSearchResult box = search.search(new RecordingQuery(WINDOW,
                    SearchArea.Box.of(minLat, minLon, maxLat, maxLon), null));
            assertEquals(List.of("just-inside-east", "notch", "on-corner", "on-north-edge"), ids(box));
            assertNull(box.cameras().get(0).distanceMetres());
            assertEquals(List.of(range("10:05:00", "10:06:00")), box.cameras().get(0).covered());

            // An L: the box less its north-east quarter (from 21.025 N, 105.855 E), where "notch" is.
            SearchArea.Polygon l = new SearchArea.Polygon(List.of(GeoPoint.of(minLat, minLon),
                    GeoPoint.of(minLat, maxLon), GeoPoint.of(21.025, maxLon), GeoPoint.of(21.025, 105.855),
                    GeoPoint.of(maxLat, 105.855), GeoPoint.of(maxLat, minLon)));
            assertEquals(List.of("just-inside-east", "on-corner", "on-north-edge"),
                    ids(search.search(new RecordingQuery(WINDOW, l, null))),
                    "the notch is outside; the east camera sits on the L's edge at 21.025");
        }
    }

    private static List<String> ids(RecordingSearchResult result) {
        return result.cameras().stream().map(c -> c.camera().value()).collect(Collectors.toList());
    }

    private static CameraCoverage camera(RecordingSearchResult result, String id) {
        return result.cameras().stream().filter(c -> c.camera().value().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not found in " + ids(result)));
    }

    private static int serial;

    private static Recording segment(String camera, GeoPoint at, String start, double seconds) {
        Instant from = at(start);
        String key = "k/" + camera + "/" + (serial++);
        return new Recording(CameraId.of(camera), SiteId.of("yard"), CameraKind.SECURITY, from,
                from.plusMillis((long) (seconds * 1000)), 1000, Codec.H264, 1920, 1080, key,
                TestCatalogs.sha256Of(key), at);
    }

    private static Instant at(String time) {
        return Instant.parse("2026-11-26T" + time + "Z");
    }

    private static TimeRange range(String from, String to) {
        return TimeRange.of(at(from), at(to));
    }

    /** The point {@code metres} from {@code start} on initial bearing {@code bearing} (spherical destination formula). */
    static GeoPoint destination(GeoPoint start, double metres, double bearing) {
        double r = 6_371_008.8;
        double d = metres / r;
        double lat1 = Math.toRadians(start.lat());
        double lon1 = Math.toRadians(start.lon());
        double theta = Math.toRadians(bearing);
        double lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(theta));
        double lon2 = lon1 + Math.atan2(Math.sin(theta) * Math.sin(d) * Math.cos(lat1),
                Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
        GeoPoint p = GeoPoint.of(Math.toDegrees(lat2), Math.toDegrees(lon2));
        assertEquals(metres, start.distanceMetres(p), 1e-4, "test geometry");
        return p;
    }
}
