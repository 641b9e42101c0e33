package dev.vigil.app.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.app.embedded.EmbeddedS3;
import dev.vigil.core.config.CatalogConfig;
import dev.vigil.core.config.Listen;
import dev.vigil.core.config.ObjectStoreConfig;
import dev.vigil.core.export.ExportFile;
import dev.vigil.core.export.ExportJob;
import dev.vigil.core.export.ExportOrder;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.TimeRange;
import dev.vigil.storage.catalog.Catalog;
import dev.vigil.storage.catalog.ExportJobRepository;
import dev.vigil.storage.catalog.RetentionRepository;
import dev.vigil.storage.export.ExportObjects;
import dev.vigil.storage.object.MinioObjectStore;
import dev.vigil.storage.retention.ExportExpiry;
import dev.vigil.storage.retention.RetentionListener;
import dev.vigil.storage.retention.RetentionMetrics;
import dev.vigil.storage.retention.RetentionPolicy;
import dev.vigil.storage.retention.RetentionRun;
import dev.vigil.storage.retention.RetentionWorker;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Retention of evidence exports against the embedded S3 server (through the MinIO SDK, as in
 * production) and a catalog on the embedded H2 file database or a real PostgreSQL: a done job
 * older than {@code retention.exportDays} loses every object under {@code exports/<id>/} (its
 * files and a leftover) and reads expired; young, running and queued jobs keep everything; a job
 * whose objects a failed run half removed is finished; with the S3 server down the run stops and
 * the jobs stay done, and the next run, with the server back, expires them.
 */
@Timeout(240)
class ExportExpiryIT {
    private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
    private static final ObjectStoreConfig S3 = new ObjectStoreConfig(null, null, null, null,
            new Listen("127.0.0.1", 0), null, null, null);
    private static final String EXPORTS = S3.exportsBucket();
    private static final RetentionPolicy THIRTY_DAYS = new RetentionPolicy(RetentionPolicy.KIND_DEFAULTS, Map.of(),
            Map.of(), 0, Duration.ofDays(30));

    @TempDir
    Path dataDir;
    private int made;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void expiredExportsLoseTheirObjectsAndTheRestStay(String database) throws Exception {
        EmbeddedPostgres postgres = database.equals("postgresql") ? EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("pg")).setCleanDataDirectory(true).start() : null;
        CatalogConfig catalogConfig = postgres == null ? new CatalogConfig(null, null, null)
                : new CatalogConfig("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", null);
        Path s3Dir = dataDir.resolve("s3");
        try (Catalog catalog = Catalog.open(catalogConfig, dataDir, Map.of())) {
            ExportJobRepository jobs = new ExportJobRepository(catalog.dataSource());
            ExportJob old;
            ExportJob young;
            ExportJob running;
            ExportJob queued;
            ExportJob halfRemoved;
            ExportJob whileDown;
            try (EmbeddedS3 s3 = EmbeddedS3.start(S3, s3Dir, Map.of());
                    MinioObjectStore store = MinioObjectStore.create(S3, s3.endpoint(), s3.secretKey())) {
                store.ensureBucket(EXPORTS);
                old = done(store, jobs, 40);
                byte[] leftover = "part of an upload that failed".getBytes(StandardCharsets.US_ASCII);
                store.put(EXPORTS, ExportObjects.key(old.id(), "leftover.mp4"), new ByteArrayInputStream(leftover),
                        leftover.length, "video/mp4", Map.of());
                young = done(store, jobs, 29);
                running = started(jobs, 60, true);
                queued = started(jobs, 60, false);
                // A run that removed the manifest and then died, before the row was marked.
                halfRemoved = done(store, jobs, 31);
                store.remove(EXPORTS, ExportObjects.key(halfRemoved.id(), halfRemoved.files().get(1).name()));
                store.put(EXPORTS, ExportObjects.key(running.id(), "partial.mp4"), new ByteArrayInputStream(leftover),
                        leftover.length, "video/mp4", Map.of());

                PrometheusRegistry registry = new PrometheusRegistry();
                RetentionMetrics metrics = new RetentionMetrics(registry);
                RetentionRun run = worker(catalog, jobs, store, metrics).runOnce();

                assertEquals(2, run.exportsExpired(), run.toString());
                assertTrue(run.finished(), run.toString());
                long expectedBytes = bytes(old) + leftover.length + bytes(halfRemoved);
                assertEquals(expectedBytes, run.exportBytes(), "counted from the files the jobs list, and the leftover");
                assertEquals(List.of(), keys(store, old));
                assertEquals(List.of(), keys(store, halfRemoved));
                assertEquals(3, keys(store, young).size(), "29 days: kept");
                assertEquals(1, keys(store, running).size(), "a running job's upload is never touched");
                for (ExportJob j : List.of(old, halfRemoved)) {
                    ExportJob now = jobs.find(j.id()).orElseThrow();
                    assertEquals(ExportJob.State.EXPIRED, now.state(), j.id());
                    assertEquals(NOW, now.removedAt());
                    assertEquals(j.files(), now.files(), "the names and SHA-256 stay on record");
                }
                assertEquals(ExportJob.State.DONE, jobs.find(young.id()).orElseThrow().state());
                assertEquals(ExportJob.State.RUNNING, jobs.find(running.id()).orElseThrow().state());
                assertEquals(ExportJob.State.QUEUED, jobs.find(queued.id()).orElseThrow().state());
                assertEquals(2.0, counter(registry, "vigil_retention_exports_expired"));
                assertEquals((double) expectedBytes, counter(registry, "vigil_retention_exports_expired_bytes"));
                assertEquals(new RetentionRun(0, 0, 0, 0, 0, true), worker(catalog, jobs, store, metrics).runOnce());

                whileDown = done(store, jobs, 35);
            }

            // The S3 server is down: the run stops early, nothing is marked.
            try (MinioObjectStore unreachable = MinioObjectStore.create(S3, "http://127.0.0.1:9", "secret-key")) {
                RetentionRun down = worker(catalog, jobs, unreachable, RetentionListener.NONE).runOnce();
                assertFalse(down.finished(), down.toString());
                assertEquals(0, down.exportsExpired());
                assertEquals(1, down.failures());
                assertEquals(ExportJob.State.DONE, jobs.find(whileDown.id()).orElseThrow().state());
            }

            // Back (same folder, new port): the next run expires it.
            try (EmbeddedS3 s3 = EmbeddedS3.start(S3, s3Dir, Map.of());
                    MinioObjectStore store = MinioObjectStore.create(S3, s3.endpoint(), s3.secretKey())) {
                assertEquals(3, keys(store, whileDown).size());
                RetentionRun run = worker(catalog, jobs, store, RetentionListener.NONE).runOnce();
                assertEquals(1, run.exportsExpired(), run.toString());
                assertEquals(List.of(), keys(store, whileDown));
                assertEquals(ExportJob.State.EXPIRED, jobs.find(whileDown.id()).orElseThrow().state());
                assertEquals(3, keys(store, young).size());
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private static RetentionWorker worker(Catalog catalog, ExportJobRepository jobs, MinioObjectStore store,
            RetentionListener listener) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new RetentionWorker(new RetentionRepository(catalog.dataSource()), store, S3, () -> THIRTY_DAYS, clock,
                new RetentionWorker.Settings(2, 100), listener,
                new ExportExpiry(jobs, new ExportObjects(store, EXPORTS), clock));
    }

    private static double counter(PrometheusRegistry registry, String name) {
        return registry.scrape().stream().filter(m -> m.getMetadata().getName().equals(name))
                .flatMap(m -> ((CounterSnapshot) m).getDataPoints().stream())
                .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
    }

    private static long bytes(ExportJob job) {
        return job.files().stream().mapToLong(ExportFile::bytes).sum();
    }

    private static List<String> keys(MinioObjectStore store, ExportJob job) {
        return store.list(EXPORTS, "exports/" + job.id() + "/", 100).stream().map(e -> e.key()).toList();
    }

    private ExportJob started(ExportJobRepository jobs, int daysAgo, boolean running) {
        made++;
        String id = "x" + String.valueOf((char) ('a' + made)).repeat(20);
        ExportOrder order = new ExportOrder(CameraId.of("gate-3"), TimeRange.of(Instant.parse("2026-03-01T10:00:00Z"),
                Instant.parse("2026-03-01T10:01:00Z")), "insp.tran (token t1)", "CASE-" + made);
        ExportJob job = new ExportJob(id, order, ExportJob.State.QUEUED, 0, NOW.minus(Duration.ofDays(daysAgo)), null,
                List.of(), null, null);
        jobs.insert(job, "node-1");
        if (running) {
            jobs.markRunning(id);
        }
        return job;
    }

    /** A job that finished {@code daysAgo} days before NOW, its three files stored as the runner stores them. */
    private ExportJob done(MinioObjectStore store, ExportJobRepository jobs, int daysAgo) throws Exception {
        ExportJob job = started(jobs, daysAgo, true);
        List<ExportFile> files = new ArrayList<>();
        for (var named : List.of(Map.entry("gate-3.mp4", ExportFile.Kind.MP4),
                Map.entry("gate-3.mp4.manifest.json", ExportFile.Kind.MANIFEST),
                Map.entry("gate-3.mp4.manifest.json.sig", ExportFile.Kind.SIGNATURE))) {
            byte[] body = ("export " + job.id() + " " + named.getKey()).getBytes(StandardCharsets.US_ASCII);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            store.put(EXPORTS, ExportObjects.key(job.id(), named.getKey()), new ByteArrayInputStream(body), body.length,
                    named.getValue().contentType(), Map.of("sha256", sha, "export-job", job.id()));
            files.add(new ExportFile(named.getKey(), named.getValue(), body.length, sha));
        }
        assertTrue(jobs.finish(job.id(), files, NOW.minus(Duration.ofDays(daysAgo))));
        return jobs.find(job.id()).orElseThrow();
    }
}
