package dev.vigil.storage.catalog;

import static dev.vigil.storage.catalog.RecordingRepositoryIT.count;
import static dev.vigil.storage.catalog.TestCatalogs.recording;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.GeoPoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RetentionRepository on the embedded H2 file database and on a real PostgreSQL. */
@Timeout(180)
class RetentionRepositoryIT {
    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
    private static final GeoPoint AT = GeoPoint.of(21.0285, 105.8542);
    private static final CameraId GATE = CameraId.of("gate-3");

    @RegisterExtension
    static final TestCatalogs catalogs = new TestCatalogs();

    static List<String> databases() {
        return TestCatalogs.databases().toList();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void expiredRowsComeInBatchesAfterTheCursorAndHeldOnesNever(String database) {
        try (Catalog catalog = catalogs.open(database)) {
            RecordingRepository recordings = new RecordingRepository(catalog.dataSource());
            for (int i = 0; i < 10; i++) {
                recordings.insert(recording("gate-3", T.plusSeconds(60L * i), 60, "gate-3/" + i, AT));
                recordings.insert(recording("gate-4", T.plusSeconds(60L * i), 60, "gate-4/" + i, AT));
            }
            LegalHoldRepository holds = new LegalHoldRepository(catalog.dataSource());
            holds.place("C-1", HoldTarget.camera(GATE, Interval.of(T.plusSeconds(150), T.plusSeconds(170))), null, "x", T);
            holds.place("C-2", HoldTarget.object("gate-3/6"), null, "x", T);
            RetentionRepository retention = new RetentionRepository(catalog.dataSource());

            Instant cutoff = T.plusSeconds(8 * 60); // segments 0..7 have ended by then
            List<String> seen = new ArrayList<>();
            CatalogItem cursor = null;
            List<CatalogItem> batch;
            while (!(batch = retention.expired(ItemType.RECORDING, GATE, cutoff, cursor, 2)).isEmpty()) {
                assertTrue(batch.size() <= 2);
                batch.forEach(item -> seen.add(item.objectKey()));
                cursor = batch.get(batch.size() - 1);
            }
            assertEquals(List.of("gate-3/0", "gate-3/1", "gate-3/3", "gate-3/4", "gate-3/5", "gate-3/7"), seen,
                    "2 is held by range (touching 150 s), 6 by key; 8 and 9 have not expired");

            assertEquals(Optional.of(GATE), retention.nextCamera(ItemType.RECORDING, null));
            assertEquals(Optional.of(CameraId.of("gate-4")), retention.nextCamera(ItemType.RECORDING, GATE));
            assertEquals(Optional.empty(), retention.nextCamera(ItemType.RECORDING, CameraId.of("gate-4")));
            assertEquals(Optional.empty(), retention.nextCamera(ItemType.CLIP, null));
            assertEquals(Optional.of(CameraKind.SECURITY), retention.lastKind(ItemType.RECORDING, GATE));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theBudgetTakesTheOldestUnheldRecordingsOfAnyCamera(String database) {
        try (Catalog catalog = catalogs.open(database)) {
            RecordingRepository recordings = new RecordingRepository(catalog.dataSource());
            recordings.insert(recording("b", T.plusSeconds(60), 60, "b/1", AT));
            recordings.insert(recording("a", T.plusSeconds(120), 60, "a/2", AT));
            recordings.insert(recording("c", T, 60, "c/0", AT));
            recordings.insert(recording("a", T.plusSeconds(180), 60, "a/3", AT));
            new LegalHoldRepository(catalog.dataSource()).place("C-9", HoldTarget.object("b/1"), null, "x", T);
            RetentionRepository retention = new RetentionRepository(catalog.dataSource());
            assertEquals(4 * 1_000_060L, retention.recordingBytes());
            List<CatalogItem> oldest = retention.oldestRecordings(null, 10);
            assertEquals(List.of("c/0", "a/2", "a/3"), oldest.stream().map(CatalogItem::objectKey).toList());
            assertEquals(List.of("a/3"), retention.oldestRecordings(oldest.get(1), 10).stream()
                    .map(CatalogItem::objectKey).toList());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDeletionRemovesTheRowAndLogsItOnce(String database) throws SQLException {
        try (Catalog catalog = catalogs.open(database)) {
            RecordingRepository recordings = new RecordingRepository(catalog.dataSource());
            recordings.insert(recording("gate-3", T, 60, "gate-3/0", AT));
            RetentionRepository retention = new RetentionRepository(catalog.dataSource());
            CatalogItem item = retention.oldestRecordings(null, 1).get(0);
            assertFalse(retention.isHeld(item));
            Instant at = T.plusSeconds(90 * 86_400L);
            assertTrue(retention.deleteAndLog(item, DeletionReason.EXPIRED, "vigil-segments", at));
            assertFalse(retention.deleteAndLog(item, DeletionReason.EXPIRED, "vigil-segments", at), "gone already");
            assertTrue(recordings.findByObjectKey("gate-3/0").isEmpty());
            assertEquals(1, count(catalog, "SELECT count(*) FROM deletions"));
            try (Connection c = catalog.dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT item, reason, camera_id, bucket, object_key, sha256, bytes"
                            + " FROM deletions")) {
                assertTrue(rs.next());
                assertEquals("recording", rs.getString(1));
                assertEquals("expired", rs.getString(2));
                assertEquals("gate-3", rs.getString(3));
                assertEquals("vigil-segments", rs.getString(4));
                assertEquals("gate-3/0", rs.getString(5));
                assertEquals(item.sha256(), rs.getString(6));
                assertEquals(item.bytes(), rs.getLong(7));
            }
        }
    }
}
