package dev.vigil.app.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.app.embedded.EmbeddedS3;
import dev.vigil.core.config.CatalogConfig;
import dev.vigil.core.config.Listen;
import dev.vigil.core.config.ObjectStoreConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.SiteId;
import dev.vigil.storage.catalog.Catalog;
import dev.vigil.storage.catalog.HoldTarget;
import dev.vigil.storage.catalog.Interval;
import dev.vigil.storage.catalog.LegalHoldRepository;
import dev.vigil.storage.catalog.Recording;
import dev.vigil.storage.catalog.RecordingRepository;
import dev.vigil.storage.catalog.RetentionRepository;
import dev.vigil.storage.object.MinioObjectStore;
import dev.vigil.storage.retention.RetentionMetrics;
import dev.vigil.storage.retention.RetentionPolicy;
import dev.vigil.storage.retention.RetentionRun;
import dev.vigil.storage.retention.RetentionWorker;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The retention worker against the embedded S3 server (through the MinIO SDK, as in production)
 * and a catalog on the embedded H2 file database or a real PostgreSQL: expired objects and rows
 * go, held and young ones stay, the budget takes the oldest, every deletion is logged.
 */
@Timeout(180)
class RetentionWorkerIT {
    private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
    private static final ObjectStoreConfig S3 = new ObjectStoreConfig(null, null, null, null,
            new Listen("127.0.0.1", 0), null, null, null);
    private static final String SEGMENTS = S3.segmentsBucket();

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void expiredAndOverBudgetObjectsGoHeldOnesStay(String database) throws Exception {
        EmbeddedPostgres postgres = database.equals("postgresql") ? EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("pg")).setCleanDataDirectory(true).start() : null;
        CatalogConfig catalogConfig = postgres == null ? new CatalogConfig(null, null, null)
                : new CatalogConfig("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", null);
        try (EmbeddedS3 s3 = EmbeddedS3.start(S3, dataDir, Map.of());
                MinioObjectStore store = MinioObjectStore.create(S3, s3.endpoint(), s3.secretKey());
                Catalog catalog = Catalog.open(catalogConfig, dataDir, Map.of())) {
            store.ensureBucket(SEGMENTS);
            store.ensureBucket(S3.clipsBucket());
            RecordingRepository recordings = new RecordingRepository(catalog.dataSource());
            upload(store, recordings, "road-1", 45, "road-1/expired.mp4");
            upload(store, recordings, "road-1", 40, "road-1/held.mp4");
            upload(store, recordings, "road-1", 2, "road-1/oldest-young.mp4");
            upload(store, recordings, "road-1", 1, "road-1/young.mp4");
            // Expired, but its object is already gone (deleted by hand, or a run that died midway).
            upload(store, recordings, "road-1", 50, "road-1/no-object.mp4");
            store.remove(SEGMENTS, "road-1/no-object.mp4");
            new LegalHoldRepository(catalog.dataSource()).place("CASE-2026-0117",
                    HoldTarget.camera(CameraId.of("road-1"), Interval.of(NOW.minus(Duration.ofDays(40)).minusSeconds(30),
                            NOW.minus(Duration.ofDays(40)))), "hit and run", "insp.tran", NOW);

            long segment = recordings.findByObjectKey("road-1/young.mp4").orElseThrow().recording().bytes();
            RetentionPolicy policy = new RetentionPolicy(RetentionPolicy.KIND_DEFAULTS,
                    Map.of(CameraId.of("road-1"), CameraKind.TRAFFIC), Map.of(), 2 * segment);
            PrometheusRegistry registry = new PrometheusRegistry();
            RetentionWorker worker = new RetentionWorker(new RetentionRepository(catalog.dataSource()), store, S3,
                    () -> policy, Clock.fixed(NOW, ZoneOffset.UTC), new RetentionWorker.Settings(2, 100),
                    new RetentionMetrics(registry));
            RetentionRun run = worker.runOnce();

            // Expired: no-object and expired. Then 3 segments are left for a budget of 2: the
            // oldest not held (oldest-young) goes; held stays although it is the oldest.
            assertEquals(2, run.expired(), run.toString());
            assertEquals(1, run.budget(), run.toString());
            assertTrue(run.finished());
            assertEquals(List.of("road-1/held.mp4", "road-1/young.mp4"), store.list(SEGMENTS, "", 100).stream()
                    .map(e -> e.key()).toList());
            assertEquals(List.of("road-1/held.mp4", "road-1/young.mp4"),
                    recordings.findByCamera(CameraId.of("road-1"), NOW.minus(Duration.ofDays(60)), NOW).stream()
                            .map(r -> r.recording().objectKey()).toList());
            VigilException gone = assertThrows(VigilException.class, () -> store.stat(SEGMENTS, "road-1/expired.mp4"));
            assertEquals(ErrorKind.NOT_FOUND, gone.kind());
            try (Connection c = catalog.dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT object_key, reason FROM deletions ORDER BY start_ts")) {
                assertTrue(rs.next());
                assertEquals("road-1/no-object.mp4 expired", rs.getString(1) + " " + rs.getString(2));
                assertTrue(rs.next());
                assertEquals("road-1/expired.mp4 expired", rs.getString(1) + " " + rs.getString(2));
                assertTrue(rs.next());
                assertEquals("road-1/oldest-young.mp4 budget", rs.getString(1) + " " + rs.getString(2));
                assertFalse(rs.next());
            }
            assertEquals(new RetentionRun(0, 0, 0, 0, 0, true), worker.runOnce());
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /** Puts a small segment that ended {@code daysAgo} days before NOW and catalogs it, as the recorder would. */
    private static void upload(MinioObjectStore store, RecordingRepository recordings, String camera, int daysAgo,
            String key) throws Exception {
        byte[] body = ("fake fMP4 segment " + key).getBytes(StandardCharsets.US_ASCII);
        store.put(SEGMENTS, key, new ByteArrayInputStream(body), body.length, "video/mp4", Map.of());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        Instant end = NOW.minus(Duration.ofDays(daysAgo));
        recordings.insert(new Recording(CameraId.of(camera), SiteId.of("yard"), CameraKind.TRAFFIC, end.minusSeconds(60),
                end, 1000, Codec.H264, 1280, 720, key, sha, GeoPoint.of(21.0285, 105.8542)));
    }
}
