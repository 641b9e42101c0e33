package dev.vigil.app.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.app.embedded.EmbeddedS3;
import dev.vigil.app.sim.EncodedScene;
import dev.vigil.app.sim.SceneEncoder;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.CatalogConfig;
import dev.vigil.core.config.IngestConfig;
import dev.vigil.core.config.Listen;
import dev.vigil.core.config.ObjectStoreConfig;
import dev.vigil.core.config.RecordConfig;
import dev.vigil.core.config.RecordingConfig;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.RecordMode;
import dev.vigil.core.model.Transport;
import dev.vigil.ingest.sim.SimulatedCameraServer;
import dev.vigil.ingest.supervisor.Gateway;
import dev.vigil.storage.catalog.Catalog;
import dev.vigil.storage.catalog.ClipRepository;
import dev.vigil.storage.catalog.ClipRow;
import dev.vigil.storage.catalog.Coverage;
import dev.vigil.storage.catalog.RecordingRepository;
import dev.vigil.storage.catalog.RecordingRow;
import dev.vigil.storage.object.MinioObjectStore;
import dev.vigil.storage.record.CatalogIndex;
import dev.vigil.storage.record.ClipRequest;
import dev.vigil.storage.record.Spool;
import dev.vigil.storage.record.SpooledSegment;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recording end to end: simulated cameras over real RTSP, the gateway, the recorders, the spool,
 * the embedded S3 server through the MinIO SDK and the catalog; every file checked with Debian's
 * ffprobe. Includes an object store outage of 60 s.
 */
class RecordingIT {
    private static final int FPS = 10;
    private static final ObjectStoreConfig S3 = new ObjectStoreConfig(null, null, null, null,
            new Listen("127.0.0.1", 0), null, null, null);
    private static EncodedScene scene;

    @BeforeAll
    static void encode() {
        scene = new SceneEncoder(320, 180, FPS, 6, 1, 300).encode();
    }

    /** Everything but the node: parts the tests stop and start. */
    private static final class Rig implements AutoCloseable {
        final Path dataDir;
        final SimulatedCameraServer cameras;
        final Gateway gateway;
        final Catalog catalog;
        EmbeddedS3 s3;
        final MinioObjectStore store;
        final RecordingWiring recording;
        final List<SpooledSegment> evicted = java.util.Collections.synchronizedList(new ArrayList<>());
        final PrometheusRegistry registry = new PrometheusRegistry();

        Rig(Path dataDir, int segmentSeconds, long spoolCap) {
            this.dataDir = dataDir;
            cameras = SimulatedCameraServer.start(scene.toSimulatedStream(), 2, "127.0.0.1", 0);
            List<CameraConfig> configs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                configs.add(new CameraConfig("cam-" + (i + 1), "lab", null, CameraKind.SECURITY, cameras.urls().get(i),
                        null, Transport.TCP, null, null, new RecordConfig(RecordMode.CONTINUOUS, segmentSeconds, 3,
                        null), null, null));
            }
            gateway = Gateway.start(configs, new IngestConfig(2000, 3000, 3000, 1000), Map.of(), Clock.systemUTC(), 1);
            catalog = Catalog.open(new CatalogConfig(null, null, null), dataDir, Map.of());
            s3 = EmbeddedS3.start(S3, dataDir, Map.of());
            store = MinioObjectStore.create(S3, s3.endpoint(), s3.secretKey());
            store.ensureBucket("vigil-segments");
            store.ensureBucket("vigil-clips");
            CatalogIndex index = new CatalogIndex(new RecordingRepository(catalog.dataSource()),
                    new ClipRepository(catalog.dataSource()), id -> CameraKind.SECURITY, Clock.systemUTC());
            recording = RecordingWiring.start(new RecordingConfig(null, spoolCap, 2, 2048, null),
                    dataDir.resolve("spool"), configs, gateway, store, "vigil-segments", "vigil-clips", index,
                    registry, (segment, bytes, max) -> evicted.add(segment), Clock.systemUTC());
        }

        RecordingRepository recordings() {
            return new RecordingRepository(catalog.dataSource());
        }

        @Override
        public void close() {
            recording.close();
            gateway.close();
            cameras.close();
            store.close();
            if (s3 != null) {
                s3.close();
            }
            catalog.close();
        }
    }

    @Test
    @Timeout(180)
    void segmentsAndAClipReachS3AndTheCatalogAndPlayFrameExact(@TempDir Path dir) throws Exception {
        requireFfprobe();
        try (Rig rig = new Rig(dir, 3, 1L << 30)) {
            await("two segments per camera", Duration.ofSeconds(30), () -> rig.recordings().findByCamera(
                    CameraId.of("cam-2"), Instant.EPOCH, Instant.now().plusSeconds(60)).size() >= 2);
            Instant now = Instant.now();
            SpooledSegment clip = rig.recording.clip(new ClipRequest(CameraId.of("cam-1"), now.minusSeconds(2),
                    now.plusSeconds(2), "test: person at the gate")).get(20, TimeUnit.SECONDS);
            Thread.sleep(3000);
            rig.recording.stopRecording();
            await("spool drained", Duration.ofSeconds(30), () -> rig.recording.spool().readyCount() == 0);

            for (String camera : List.of("cam-1", "cam-2")) {
                List<RecordingRow> rows = rig.recordings().findByCamera(CameraId.of(camera), Instant.EPOCH,
                        Instant.now().plusSeconds(60));
                assertTrue(rows.size() >= 3, camera + ": " + rows.size() + " segments");
                Instant first = rows.get(0).recording().start();
                Instant last = rows.get(rows.size() - 1).recording().end();
                Coverage coverage = rig.recordings().coverage(CameraId.of(camera), first, last, Duration.ofMillis(1));
                assertEquals(List.of(), coverage.gaps(), camera + ": segments abut");
                for (RecordingRow row : rows) {
                    checkObject(rig, "vigil-segments", row.recording().objectKey(), row.recording().sha256(),
                            row.recording().start(), row.recording().end(), dir);
                }
            }
            List<ClipRow> clips = new ClipRepository(rig.catalog.dataSource()).findByCamera(CameraId.of("cam-1"),
                    Instant.EPOCH, Instant.now().plusSeconds(60));
            assertEquals(1, clips.size());
            assertEquals("test: person at the gate", clips.get(0).clip().reason());
            assertEquals(clip.sha256(), clips.get(0).clip().sha256());
            checkObject(rig, "vigil-clips", clips.get(0).clip().objectKey(), clip.sha256(), clip.start(), clip.end(),
                    dir);
        }
    }

    /** The object store stops for 60 s while recording: the spool keeps everything and uploads it in order. */
    @Test
    @Timeout(300)
    void anObjectStoreOutageOfAMinuteLosesNothing(@TempDir Path dir) throws Exception {
        requireFfprobe();
        try (Rig rig = new Rig(dir, 5, 1L << 30)) {
            CameraId cam = CameraId.of("cam-1");
            await("a first upload", Duration.ofSeconds(30), () -> !rig.recordings().findByCamera(cam, Instant.EPOCH,
                    Instant.now().plusSeconds(60)).isEmpty());
            int port = Integer.parseInt(rig.s3.endpoint().replaceAll(".*:", ""));
            rig.s3.close();
            rig.s3 = null;
            Instant outage = Instant.now();
            Thread.sleep(60_000);
            assertTrue(rig.recording.spool().readyCount() >= 2 * 10, "about 11 segments per camera waited: "
                    + rig.recording.spool().readyCount());
            assertTrue(rig.recording.uploader().lastError() != null);
            rig.s3 = EmbeddedS3.start(new ObjectStoreConfig(null, null, null, null, new Listen("127.0.0.1", port), null,
                    null, null), dir, Map.of());
            Thread.sleep(2000);
            rig.recording.stopRecording();
            await("spool drained after the outage", Duration.ofSeconds(120),
                    () -> rig.recording.spool().readyCount() == 0);
            assertEquals(List.of(), rig.evicted);
            for (String camera : List.of("cam-1", "cam-2")) {
                List<RecordingRow> rows = rig.recordings().findByCamera(CameraId.of(camera), Instant.EPOCH,
                        Instant.now().plusSeconds(60));
                Instant first = rows.get(0).recording().start();
                Instant last = rows.get(rows.size() - 1).recording().end();
                assertTrue(first.isBefore(outage) && last.isAfter(outage.plusSeconds(60)), camera);
                assertEquals(List.of(), rig.recordings().coverage(CameraId.of(camera), first, last,
                        Duration.ofMillis(1)).gaps(), camera + ": no gap across the outage");
                for (RecordingRow row : rows) {
                    checkObject(rig, "vigil-segments", row.recording().objectKey(), row.recording().sha256(),
                            row.recording().start(), row.recording().end(), dir);
                }
            }
        }
    }

    /**
     * The spool cap with the object store away: the oldest segments not uploaded are deleted, each
     * reported to the alarm listener and counted in the metrics; recording goes on.
     */
    @Test
    @Timeout(180)
    void atTheSpoolCapTheOldestSegmentsGoAndItIsVisible(@TempDir Path dir) throws Exception {
        try (Rig rig = new Rig(dir, 1, 1L << 20)) {
            rig.s3.close();
            rig.s3 = null;
            await("evictions", Duration.ofSeconds(120), () -> rig.evicted.size() >= 2);
            assertTrue(rig.recording.spool().bytes() <= rig.recording.spool().maxBytes() + (256 << 10),
                    "the spool stays near its cap: " + rig.recording.spool().bytes());
            List<SpooledSegment> evicted = List.copyOf(rig.evicted);
            assertTrue(evicted.get(0).start().isBefore(evicted.get(evicted.size() - 1).start())
                    || evicted.get(0).meta().camera() != evicted.get(evicted.size() - 1).meta().camera(),
                    "oldest first");
            String metrics = scrape(rig.registry);
            assertTrue(metrics.matches("(?s).*\nvigil_spool_evicted_segments_total [1-9].*"), metrics);
            assertTrue(metrics.contains("vigil_upload_failures_total{kind=\"unavailable\"}"), metrics);
            evicted.forEach(s -> assertTrue(!Files.exists(s.file())));
        }
    }

    private static String scrape(PrometheusRegistry registry) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Downloads an object, checks its SHA-256, and has ffprobe count its frames and check its timestamps. */
    private static void checkObject(Rig rig, String bucket, String key, String sha256, Instant start, Instant end,
            Path dir) throws Exception {
        Path file = dir.resolve("check.mp4");
        try (InputStream in = rig.store.get(bucket, key)) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(sha256, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), key);
        long expectedFrames = Math.round(Duration.between(start, end).toMillis() / (1000.0 / FPS));
        String streams = ffprobe("-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=codec_name,nb_read_frames", "-of", "csv=p=0", file.toString());
        assertEquals("h264," + expectedFrames, streams, key + " " + start + ".." + end);
        List<Double> pts = ffprobe("-select_streams", "v:0", "-show_entries", "packet=pts_time", "-of", "csv=p=0",
                file.toString()).lines().map(String::strip).filter(l -> !l.isEmpty()).map(Double::parseDouble)
                .toList();
        assertEquals(expectedFrames, pts.size());
        for (int i = 1; i < pts.size(); i++) {
            assertTrue(pts.get(i) > pts.get(i - 1), key + ": timestamps not increasing at packet " + i);
        }
    }

    private static String ffprobe(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/ffprobe", "-v", "error"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static void requireFfprobe() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffprobe")), "Debian's ffprobe is missing (apt-get install ffmpeg)");
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
