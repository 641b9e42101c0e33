package dev.vigil.storage.catalog;

import static dev.vigil.storage.catalog.TestCatalogs.recording;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.search.SearchArea;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RecordingRepository on the embedded H2 file database and on a real PostgreSQL. */
@Timeout(180)
class RecordingRepositoryIT {
    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
    private static final GeoPoint GATE = new GeoPoint(21.0285, 105.8542, 90.0);

    @RegisterExtension
    static final TestCatalogs catalogs = new TestCatalogs();

    static List<String> databases() {
        return TestCatalogs.databases().toList();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void insertIsIdempotentOnTheObjectKey(String database) throws SQLException {
        try (Catalog catalog = catalogs.open(database)) {
            RecordingRepository repo = new RecordingRepository(catalog.dataSource());
            Recording r = recording("gate-3", T.plusNanos(123_456_789), 60, "gate-3/100000.mp4", GATE);
            Inserted<RecordingRow> first = repo.insert(r);
            assertTrue(first.created());
            assertEquals(T.plusNanos(123_456_000), first.row().recording().start(), "kept to the microsecond");
            // The uploader crashed after the upload and before the insert, and does both again.
            Inserted<RecordingRow> again = repo.insert(r);
            assertFalse(again.created());
            assertEquals(first.row(), again.row());
            assertEquals(1, count(catalog, "SELECT count(*) FROM recordings"));
            assertEquals(first.row(), repo.findByObjectKey("gate-3/100000.mp4").orElseThrow());

            Recording otherBytes = new Recording(r.camera(), r.site(), r.kind(), r.start(), r.end(), r.bytes(), r.codec(),
                    r.width(), r.height(), r.objectKey(), "0".repeat(64), r.location());
            VigilException e = assertThrows(VigilException.class, () -> repo.insert(otherBytes));
            assertEquals(ErrorKind.ALREADY_EXISTS, e.kind(), e.getMessage());
            assertEquals(1, count(catalog, "SELECT count(*) FROM recordings"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void rowsReadBackAsWritten(String database) {
        try (Catalog catalog = catalogs.open(database)) {
            RecordingRepository repo = new RecordingRepository(catalog.dataSource());
            Recording full = recording("gate-3", T, 60, "a.mp4", GATE);
            Recording bare = new Recording(CameraId.of("lab-1"), SiteId.of("lab"), null, T, T.plusSeconds(5), 0,
                    Codec.H265, null, null, "b.mp4", "f".repeat(64), null);
            repo.insert(full);
            repo.insert(bare);
            assertEquals(full, repo.findByObjectKey("a.mp4").orElseThrow().recording());
            assertEquals(bare, repo.findByObjectKey("b.mp4").orElseThrow().recording());
            assertEquals(CameraKind.SECURITY, full.kind());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aCameraQueryReturnsOverlappingSegmentsInOrder(String database) {
        try (Catalog catalog = catalogs.open(database)) {
            RecordingRepository repo = new RecordingRepository(catalog.dataSource());
            // Inserted out of order; one long segment started well before the window.
            repo.insert(recording("gate-3", T.plusSeconds(120), 60, "k3", GATE));
            repo.insert(recording("gate-3", T.minusSeconds(3000), 3060, "k1", GATE));
            repo.insert(recording("gate-3", T.plusSeconds(60), 60, "k2", GATE));
            repo.insert(recording("gate-3", T.plusSeconds(180), 60, "k4", GATE));
            repo.insert(recording("gate-3", T.minusSeconds(120), 60, "before", GATE));
            repo.insert(recording("gate-4", T.plusSeconds(60), 60, "other camera", GATE));
            List<String> keys = repo.findByCamera(CameraId.of("gate-3"), T, T.plusSeconds(180)).stream()
                    .map(row -> row.recording().objectKey()).toList();
            assertEquals(List.of("k1", "k2", "k3"), keys, "[from, to): k4 starts at 'to'; 'before' ends before 'from'");
            assertEquals(List.of(), repo.findByCamera(CameraId.of("nobody"), T, T.plusSeconds(180)));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void areaSearchesFindCamerasByBoxAndByRadius(String database) {
        try (Catalog catalog = catalogs.open(database)) {
            RecordingRepository repo = new RecordingRepository(catalog.dataSource());
            GeoPoint centre = GeoPoint.of(21.0285, 105.8542);
            GeoPoint near = AreaBoundsTest.destination(centre, 0.3, 400);
            GeoPoint corner = AreaBoundsTest.destination(centre, Math.PI / 4, 650); // in the 500 m box, outside the circle
            GeoPoint town = AreaBoundsTest.destination(centre, 2.0, 2_500);
            GeoPoint far = AreaBoundsTest.destination(centre, 4.0, 50_000);
            for (int minute = 0; minute < 3; minute++) {
                Instant start = T.plusSeconds(60L * minute);
                repo.insert(recording("centre", start, 60, "centre/" + minute, centre));
                repo.insert(recording("near", start, 60, "near/" + minute, near));
                repo.insert(recording("corner", start, 60, "corner/" + minute, corner));
                repo.insert(recording("town", start, 60, "town/" + minute, town));
                repo.insert(recording("far", start, 60, "far/" + minute, far));
                repo.insert(recording("nowhere", start, 60, "nowhere/" + minute, null));
            }
            Instant from = T.plusSeconds(30);
            Instant to = T.plusSeconds(90);

            List<RecordingRow> circle = repo.findNear(centre, 500, from, to, 100);
            assertEquals(List.of("centre/0", "near/0", "centre/1", "near/1"), keys(circle));

            List<RecordingRow> box = repo.findInArea(SearchArea.Bounds.around(centre, 500), from, to, 100);
            assertEquals(List.of("centre", "corner", "near"), cameras(box));

            // 3 km: more cells than GridCell.MAX_CELLS, so the time index serves it; same answers.
            List<RecordingRow> wide = repo.findNear(centre, 3_000, from, to, 100);
            assertEquals(List.of("centre", "corner", "near", "town"), cameras(wide));
            assertTrue(GridCell.covering(SearchArea.Bounds.around(centre, 3_000), GridCell.MAX_CELLS).isEmpty());

            assertEquals(3, repo.findNear(centre, 3_000, from, to, 3).size(), "limit");
            assertEquals(List.of("far/0"), keys(repo.findNear(far, 100, T, T.plusSeconds(60), 10)));
            assertThrows(VigilException.class, () -> repo.findNear(centre, 500, from, to, 0));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void coverageMergesSeamsAndReportsGaps(String database) {
        try (Catalog catalog = catalogs.open(database)) {
            RecordingRepository repo = new RecordingRepository(catalog.dataSource());
            // Key-frame cut segments: 0.4 s seams; the camera then dropped out for 5 minutes.
            Instant at = T;
            for (int i = 0; i < 10; i++) {
                repo.insert(recording("gate-3", at, 60, "seg/" + i, GATE));
                at = at.plusSeconds(60).plusMillis(400);
                if (i == 4) {
                    at = at.plusSeconds(300);
                }
            }
            Instant gapStart = T.plusSeconds(5 * 60).plusMillis(4 * 400);
            Coverage c = repo.coverage(CameraId.of("gate-3"), T, T.plusSeconds(3600), Coverage.DEFAULT_TOLERANCE);
            assertEquals(List.of(Interval.of(gapStart, gapStart.plusMillis(300_400))), c.gaps().subList(0, 1));
            assertEquals(2, c.covered().size());
            assertEquals(2, c.gaps().size(), "and after the last segment, to the end of the hour");
            assertEquals(T, c.covered().get(0).start());

            Coverage strict = repo.coverage(CameraId.of("gate-3"), T, T.plusSeconds(600), Duration.ZERO);
            assertTrue(strict.gaps().size() >= 5, "every seam is a gap with no tolerance: " + strict.gaps());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void badRecordingsAreRejectedBeforeTheDatabase(String database) {
        assertThrows(VigilException.class, () -> recording("gate-3", T, 3 * 3600, "long", GATE));
        assertThrows(VigilException.class, () -> recording("gate-3", T, -1, "backwards", GATE));
        assertThrows(VigilException.class, () -> new Recording(CameraId.of("c"), SiteId.of("s"), null, T, T, 1,
                Codec.H264, null, null, "k", "ABC", null));
        assertThrows(VigilException.class, () -> new Recording(CameraId.of("c"), SiteId.of("s"), null, T, T, 1,
                Codec.H264, 1920, null, "k", "a".repeat(64), null));
    }

    static long count(Catalog catalog, String sql) throws SQLException {
        try (Connection c = catalog.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> keys(List<RecordingRow> rows) {
        return rows.stream().map(r -> r.recording().objectKey()).toList();
    }

    private static List<String> cameras(List<RecordingRow> rows) {
        return rows.stream().map(r -> r.recording().camera().value()).distinct().sorted().toList();
    }
}
