package dev.vigil.storage.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.CatalogConfig;
import dev.vigil.core.config.ObjectStoreConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.export.ExportFile;
import dev.vigil.core.export.ExportJob;
import dev.vigil.core.export.ExportOrder;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.TimeRange;
import dev.vigil.storage.catalog.Catalog;
import dev.vigil.storage.catalog.ExportJobRepository;
import dev.vigil.storage.catalog.RetentionRepository;
import dev.vigil.storage.export.ExportObjects;
import dev.vigil.storage.object.MemoryObjectStore;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention of evidence exports through the {@link RetentionWorker} on the embedded catalog with an
 * in-memory object store (failures on demand). ExportExpiryIT in app runs it against the embedded
 * S3 server on H2 and PostgreSQL.
 */
@Timeout(60)
class ExportExpiryTest {
    private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
    private static final ObjectStoreConfig BUCKETS = new ObjectStoreConfig(null, null, null, null, null, null, null, null);
    private static final String EXPORTS = BUCKETS.exportsBucket();

    @TempDir
    Path dataDir;
    private Catalog catalog;
    private ExportJobRepository jobs;
    private final MemoryObjectStore store = new MemoryObjectStore();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final RetentionMetrics metrics = new RetentionMetrics(registry);
    private int created;

    @BeforeEach
    void open() {
        catalog = Catalog.open(new CatalogConfig(null, null, null), dataDir, Map.of());
        jobs = new ExportJobRepository(catalog.dataSource());
        store.ensureBucket(EXPORTS);
        store.ensureBucket(BUCKETS.segmentsBucket());
        store.ensureBucket(BUCKETS.clipsBucket());
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void doneJobsOlderThanExportDaysLoseTheirFilesAndRunningQueuedFailedAndYoungOnesStay() {
        ExportJob old = done(31);
        ExportJob young = done(29);
        ExportJob running = started(40, true);
        ExportJob queued = started(40, false);
        ExportJob failed = started(40, true);
        jobs.fail(failed.id(), ErrorKind.NOT_FOUND, "no recordings", NOW.minus(Duration.ofDays(40)));
        store.put(EXPORTS, ExportObjects.key(old.id(), "left-by-a-failed-upload.mp4"),
                new ByteArrayInputStream(new byte[3]), 3, null, Map.of());

        RetentionRun run = worker(days(30)).runOnce();

        assertEquals(1, run.exportsExpired());
        assertEquals(3 * 100 + 3, run.exportBytes(), "its three files and the leftover (3 bytes)");
        assertTrue(run.finished());
        assertEquals(List.of(), keysOf(old), "every object of the old job is gone");
        assertEquals(3, keysOf(young).size());
        ExportJob expired = jobs.find(old.id()).orElseThrow();
        assertEquals(ExportJob.State.EXPIRED, expired.state());
        assertEquals(NOW, expired.removedAt());
        assertEquals(old.files(), expired.files(), "the record of what was exported stays");
        assertEquals(ExportJob.State.DONE, jobs.find(young.id()).orElseThrow().state());
        assertEquals(ExportJob.State.RUNNING, jobs.find(running.id()).orElseThrow().state());
        assertEquals(ExportJob.State.QUEUED, jobs.find(queued.id()).orElseThrow().state());
        assertEquals(ExportJob.State.FAILED, jobs.find(failed.id()).orElseThrow().state());
        assertEquals(1.0, counter("vigil_retention_exports_expired"));
        assertEquals(303.0, counter("vigil_retention_exports_expired_bytes"));

        assertEquals(new RetentionRun(0, 0, 0, 0, 0, true), worker(days(30)).runOnce(), "nothing left to do");
        assertEquals(new RetentionRun(0, 0, 0, 0, 0, true), worker(Duration.ZERO).runOnce(),
                "exportDays 0 keeps the young job forever");
        assertEquals(3, keysOf(young).size());
    }

    @Test
    void anUnavailableStoreStopsThePassAndTheNextRunFinishesIt() {
        ExportJob a = done(50);
        ExportJob b = done(40);
        store.failRemove.put(ExportObjects.key(a.id(), a.files().get(1).name()), ErrorKind.UNAVAILABLE);

        RetentionRun first = worker(days(30)).runOnce();
        assertEquals(0, first.exportsExpired());
        assertEquals(1, first.failures());
        assertFalse(first.finished());
        assertEquals(ExportJob.State.DONE, jobs.find(a.id()).orElseThrow().state(), "objects half gone, row kept");
        assertEquals(2, keysOf(a).size(), "the first file went, the second failed");
        assertEquals(ExportJob.State.DONE, jobs.find(b.id()).orElseThrow().state(), "the pass stopped before b");
        assertEquals(1.0, registry.scrape().stream().filter(s -> s.getMetadata().getName()
                .equals("vigil_retention_failures")).mapToDouble(s -> ((CounterSnapshot) s).getDataPoints().stream()
                .filter(p -> "export".equals(p.getLabels().get("item"))
                        && "unavailable".equals(p.getLabels().get("kind")))
                .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum()).sum());

        store.failRemove.clear();
        RetentionRun second = worker(days(30)).runOnce();
        assertEquals(2, second.exportsExpired());
        assertTrue(second.finished());
        assertEquals(List.of(), keysOf(a));
        assertEquals(List.of(), keysOf(b));
        assertEquals(ExportJob.State.EXPIRED, jobs.find(a.id()).orElseThrow().state());
    }

    @Test
    void objectsGoneButRowNotUpdatedIsFinishedByTheNextRun() {
        ExportJob job = done(45);
        new ExportObjects(store, EXPORTS).remove(job); // a run that died before marking the row
        assertEquals(ExportJob.State.DONE, jobs.find(job.id()).orElseThrow().state());

        RetentionRun run = worker(days(30)).runOnce();

        assertEquals(1, run.exportsExpired());
        assertEquals(ExportJob.State.EXPIRED, jobs.find(job.id()).orElseThrow().state());
    }

    @Test
    void batchesWalkEveryExpiredJobAndAJobDeletedMeanwhileStaysDeleted() {
        for (int i = 0; i < 7; i++) {
            done(31 + i);
        }
        ExportJob deleted = done(60);
        jobs.markRemoved(deleted.id(), ExportJob.State.DELETED, NOW.minusSeconds(5));

        RetentionRun run = new RetentionWorker(new RetentionRepository(catalog.dataSource()), store, BUCKETS,
                () -> policy(days(30)), Clock.fixed(NOW, ZoneOffset.UTC), new RetentionWorker.Settings(2, 100),
                metrics, expiry()).runOnce();

        assertEquals(7, run.exportsExpired());
        assertEquals(keysOf(deleted), store.objects.keySet().stream().filter(k -> k.startsWith(EXPORTS + "/")).sorted()
                .toList(), "only the deleted job's (left in place by this test) remain: retention skips it");
        ExportJob stillDeleted = jobs.find(deleted.id()).orElseThrow();
        assertEquals(ExportJob.State.DELETED, stillDeleted.state());
        assertEquals(NOW.minusSeconds(5), stillDeleted.removedAt());
    }

    private RetentionWorker worker(Duration exportRetention) {
        return new RetentionWorker(new RetentionRepository(catalog.dataSource()), store, BUCKETS,
                () -> policy(exportRetention), Clock.fixed(NOW, ZoneOffset.UTC), RetentionWorker.Settings.defaults(),
                metrics, expiry());
    }

    private ExportExpiry expiry() {
        return new ExportExpiry(jobs, new ExportObjects(store, EXPORTS), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static RetentionPolicy policy(Duration exportRetention) {
        return new RetentionPolicy(RetentionPolicy.KIND_DEFAULTS, Map.of(), Map.of(), 0, exportRetention);
    }

    private static Duration days(int n) {
        return Duration.ofDays(n);
    }

    /** A job asked for {@code daysAgo} days before NOW, then marked running (or left queued). */
    private ExportJob started(int daysAgo, boolean running) {
        created++;
        String id = "x" + String.valueOf((char) ('a' + created)).repeat(20);
        ExportOrder order = new ExportOrder(CameraId.of("gate-3"), TimeRange.of(Instant.parse("2026-03-01T10:00:00Z"),
                Instant.parse("2026-03-01T10:01:00Z")), "insp.tran (token t1)", "CASE-" + created);
        ExportJob job = new ExportJob(id, order, ExportJob.State.QUEUED, 0, NOW.minus(Duration.ofDays(daysAgo)), null,
                List.of(), null, null);
        jobs.insert(job, "node-1");
        if (running) {
            jobs.markRunning(id);
        }
        return job;
    }

    /** A job that finished {@code daysAgo} days before NOW with three 100-byte files in the store. */
    private ExportJob done(int daysAgo) {
        ExportJob job = started(daysAgo, true);
        List<ExportFile> files = List.of(new ExportFile("gate-3.mp4", ExportFile.Kind.MP4, 100, "1".repeat(64)),
                new ExportFile("gate-3.mp4.manifest.json", ExportFile.Kind.MANIFEST, 100, "2".repeat(64)),
                new ExportFile("gate-3.mp4.manifest.json.sig", ExportFile.Kind.SIGNATURE, 100, "3".repeat(64)));
        for (ExportFile f : files) {
            store.put(EXPORTS, ExportObjects.key(job.id(), f.name()), new ByteArrayInputStream(new byte[100]), 100,
                    null, Map.of());
        }
        jobs.finish(job.id(), files, NOW.minus(Duration.ofDays(daysAgo)));
        return jobs.find(job.id()).orElseThrow();
    }

    private List<String> keysOf(ExportJob job) {
        return store.objects.keySet().stream().filter(k -> k.startsWith(EXPORTS + "/exports/" + job.id() + "/"))
                .sorted().toList();
    }

    private double counter(String name) {
        for (MetricSnapshot snapshot : registry.scrape()) {
            if (snapshot.getMetadata().getName().equals(name)) {
                return ((CounterSnapshot) snapshot).getDataPoints().stream()
                        .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
            }
        }
        throw new AssertionError("no metric " + name);
    }
}
