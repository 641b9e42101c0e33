package dev.vigil.storage.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.CatalogConfig;
import dev.vigil.core.config.ObjectStoreConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.SiteId;
import dev.vigil.storage.catalog.Catalog;
import dev.vigil.storage.catalog.CatalogItem;
import dev.vigil.storage.catalog.Clip;
import dev.vigil.storage.catalog.ClipRepository;
import dev.vigil.storage.catalog.DeletionReason;
import dev.vigil.storage.catalog.HoldTarget;
import dev.vigil.storage.catalog.Interval;
import dev.vigil.storage.catalog.LegalHoldRepository;
import dev.vigil.storage.catalog.RecordingRepository;
import dev.vigil.storage.catalog.RetentionRepository;
import dev.vigil.storage.catalog.TestCatalogs;
import dev.vigil.storage.object.MemoryObjectStore;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's rules on the embedded catalog with an in-memory object store (failures on demand).
 * RetentionWorkerIT in app runs it against the embedded S3 server on H2 and PostgreSQL.
 */
@Timeout(60)
class RetentionWorkerTest {
    private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
    private static final ObjectStoreConfig BUCKETS = new ObjectStoreConfig(null, null, null, null, null, null, null, null);
    private static final String SEGMENTS = BUCKETS.segmentsBucket();
    private static final GeoPoint AT = GeoPoint.of(21.0285, 105.8542);

    @TempDir
    Path dataDir;
    private Catalog catalog;
    private RecordingRepository recordings;
    private final MemoryObjectStore store = new MemoryObjectStore();
    private final List<String> events = new ArrayList<>();
    private final RetentionListener listener = new RetentionListener() {
        @Override
        public void deleted(CatalogItem item, DeletionReason reason) {
            events.add(reason.label() + " " + item.objectKey());
        }

        @Override
        public void failed(CatalogItem item, VigilException error) {
            events.add("failed " + item.objectKey() + " " + error.kind());
        }
    };

    @BeforeEach
    void open() {
        catalog = Catalog.open(new CatalogConfig(null, null, null), dataDir, Map.of());
        recordings = new RecordingRepository(catalog.dataSource());
        store.ensureBucket(SEGMENTS);
        store.ensureBucket(BUCKETS.clipsBucket());
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void expiredItemsGoObjectAndRowAndHeldOrYoungOnesStay() {
        record("road-1", CameraKind.TRAFFIC, 31, "road-1/old");        // traffic: 30 days
        record("road-1", CameraKind.TRAFFIC, 29, "road-1/young");
        record("gate-1", CameraKind.SECURITY, 31, "gate-1/month");      // security: 90 days
        record("gate-1", CameraKind.SECURITY, 91, "gate-1/quarter");
        record("gate-1", CameraKind.SECURITY, 92, "gate-1/held");
        record("gone-9", CameraKind.QUARANTINE, 15, "gone-9/old");      // not configured: its recorded kind
        new LegalHoldRepository(catalog.dataSource()).place("CASE-1", HoldTarget.object("gate-1/held"), null, "insp", NOW);
        ClipRepository clips = new ClipRepository(catalog.dataSource());
        clips.insert(new Clip(CameraId.of("road-1"), SiteId.of("yard"), CameraKind.TRAFFIC, NOW.minus(Duration.ofDays(40)),
                NOW.minus(Duration.ofDays(40)).plusSeconds(20), "alert 1", "clips/road-1/a1.mp4",
                TestCatalogs.sha256Of("a1"), 10, NOW.minus(Duration.ofDays(40))));
        store.add(BUCKETS.clipsBucket(), "clips/road-1/a1.mp4");

        RetentionRun run = worker(0, RetentionWorker.Settings.defaults()).runOnce();

        assertEquals(new RetentionRun(4, 0, 3 * 1_000_060L + 10, 0, 0, true), run);
        for (String gone : List.of("road-1/old", "gate-1/quarter", "gone-9/old")) {
            assertFalse(store.has(SEGMENTS, gone), gone);
            assertTrue(recordings.findByObjectKey(gone).isEmpty(), gone);
        }
        for (String kept : List.of("road-1/young", "gate-1/month", "gate-1/held")) {
            assertTrue(store.has(SEGMENTS, kept), kept);
            assertTrue(recordings.findByObjectKey(kept).isPresent(), kept);
        }
        assertFalse(store.has(BUCKETS.clipsBucket(), "clips/road-1/a1.mp4"));
        assertTrue(clips.findByObjectKey("clips/road-1/a1.mp4").isEmpty());
        assertEquals(4, events.size());
        assertEquals(new RetentionRun(0, 0, 0, 0, 0, true), worker(0, RetentionWorker.Settings.defaults()).runOnce());
    }

    @Test
    void aFailedObjectDeletionLeavesTheRowForTheNextRun() {
        record("road-1", CameraKind.TRAFFIC, 40, "road-1/a");
        record("road-1", CameraKind.TRAFFIC, 39, "road-1/b");
        store.failRemove.put("road-1/a", ErrorKind.INVALID_ARGUMENT);
        RetentionRun first = worker(0, RetentionWorker.Settings.defaults()).runOnce();
        assertEquals(1, first.expired());
        assertEquals(1, first.failures());
        assertTrue(first.finished(), "one item's own failure does not stop the run");
        assertTrue(recordings.findByObjectKey("road-1/a").isPresent());
        assertEquals(List.of("failed road-1/a INVALID_ARGUMENT", "expired road-1/b"), events);

        store.failRemove.clear();
        assertEquals(1, worker(0, RetentionWorker.Settings.defaults()).runOnce().expired());
        assertTrue(recordings.findByObjectKey("road-1/a").isEmpty());
    }

    @Test
    void anUnavailableStoreStopsTheRunAndDeletesNoRow() {
        record("road-1", CameraKind.TRAFFIC, 40, "road-1/a");
        record("road-1", CameraKind.TRAFFIC, 39, "road-1/b");
        store.failRemove.put("road-1/a", ErrorKind.UNAVAILABLE);
        RetentionRun run = worker(0, RetentionWorker.Settings.defaults()).runOnce();
        assertFalse(run.finished());
        assertEquals(0, run.deleted());
        assertTrue(recordings.findByObjectKey("road-1/a").isPresent());
        assertTrue(recordings.findByObjectKey("road-1/b").isPresent());
    }

    @Test
    void anObjectAlreadyGoneCountsAsDeleted() {
        record("road-1", CameraKind.TRAFFIC, 40, "road-1/a");
        store.objects.remove(SEGMENTS + "/road-1/a");
        store.failRemove.put("road-1/a", ErrorKind.NOT_FOUND);
        assertEquals(1, worker(0, RetentionWorker.Settings.defaults()).runOnce().expired());
        assertTrue(recordings.findByObjectKey("road-1/a").isEmpty());
    }

    @Test
    void aRunDoesAtMostItsBatchesAndTheNextGoesOn() {
        for (int i = 0; i < 7; i++) {
            record("road-1", CameraKind.TRAFFIC, 40 + i, "road-1/" + i);
        }
        RetentionWorker worker = worker(0, new RetentionWorker.Settings(2, 2));
        RetentionRun first = worker.runOnce();
        assertEquals(4, first.expired());
        assertFalse(first.finished());
        RetentionRun second = worker.runOnce();
        assertEquals(3, second.expired());
        assertTrue(second.finished(), "its second batch was short: nothing left");
        assertEquals(new RetentionRun(0, 0, 0, 0, 0, true), worker.runOnce());
        // Oldest first.
        assertEquals(List.of("expired road-1/6", "expired road-1/5"), events.subList(0, 2));
    }

    @Test
    void overTheBudgetTheOldestUnheldRecordingsGoFirst() {
        // Five 1,000,060-byte security segments, none expired; a budget for two.
        for (int day = 1; day <= 5; day++) {
            record(day % 2 == 0 ? "gate-2" : "gate-1", CameraKind.SECURITY, 10 - day, "seg/" + day);
        }
        new LegalHoldRepository(catalog.dataSource()).place("CASE-7",
                HoldTarget.camera(CameraId.of("gate-1"), Interval.of(NOW.minus(Duration.ofDays(9)),
                        NOW.minus(Duration.ofDays(9)).plusSeconds(10))), null, "insp", NOW);
        RetentionRun run = worker(2 * 1_000_060L, new RetentionWorker.Settings(2, 100)).runOnce();
        assertEquals(3, run.budget());
        assertEquals(List.of("budget seg/2", "budget seg/3", "budget seg/4"), events, "seg/1 is the oldest but held");
        assertTrue(recordings.findByObjectKey("seg/1").isPresent());
        assertTrue(recordings.findByObjectKey("seg/5").isPresent());
        assertEquals(2 * 1_000_060L, new RetentionRepository(catalog.dataSource()).recordingBytes());
    }

    @Test
    void metricsCountDeletionsBytesAndFailures() {
        PrometheusRegistry registry = new PrometheusRegistry();
        RetentionMetrics metrics = new RetentionMetrics(registry);
        record("road-1", CameraKind.TRAFFIC, 40, "road-1/a");
        record("road-1", CameraKind.TRAFFIC, 41, "road-1/b");
        store.failRemove.put("road-1/b", ErrorKind.INVALID_ARGUMENT);
        new RetentionWorker(new RetentionRepository(catalog.dataSource()), store, BUCKETS, () -> policy(0),
                Clock.fixed(NOW, ZoneOffset.UTC), RetentionWorker.Settings.defaults(), metrics).runOnce();
        assertEquals(1.0, counter(registry, "vigil_retention_deleted", "expired"));
        assertEquals(1_000_060.0, counter(registry, "vigil_retention_deleted_bytes", "expired"));
        assertEquals(1.0, counter(registry, "vigil_retention_failures", null));
    }

    private static double counter(PrometheusRegistry registry, String name, String reason) {
        for (MetricSnapshot snapshot : registry.scrape()) {
            if (snapshot.getMetadata().getName().equals(name)) {
                return ((CounterSnapshot) snapshot).getDataPoints().stream()
                        .filter(p -> reason == null || reason.equals(p.getLabels().get("reason")))
                        .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
            }
        }
        throw new AssertionError("no metric " + name);
    }

    private RetentionWorker worker(long budget, RetentionWorker.Settings settings) {
        return new RetentionWorker(new RetentionRepository(catalog.dataSource()), store, BUCKETS, () -> policy(budget),
                Clock.fixed(NOW, ZoneOffset.UTC), settings, listener);
    }

    /** road-1 traffic, gate-1 and gate-2 security; gone-9 is not configured. */
    private static RetentionPolicy policy(long budget) {
        return new RetentionPolicy(RetentionPolicy.KIND_DEFAULTS, Map.of(CameraId.of("road-1"), CameraKind.TRAFFIC,
                CameraId.of("gate-1"), CameraKind.SECURITY, CameraId.of("gate-2"), CameraKind.SECURITY), Map.of(), budget);
    }

    /** A 60 s segment that ended {@code daysAgo} days before NOW, in the catalog and the store. */
    private void record(String camera, CameraKind kind, int daysAgo, String key) {
        Instant end = NOW.minus(Duration.ofDays(daysAgo));
        var r = TestCatalogs.recording(camera, end.minusSeconds(60), 60, key, AT);
        recordings.insert(new dev.vigil.storage.catalog.Recording(r.camera(), r.site(), kind, r.start(), r.end(),
                r.bytes(), r.codec(), r.width(), r.height(), r.objectKey(), r.sha256(), r.location()));
        store.add(SEGMENTS, key);
    }
}
