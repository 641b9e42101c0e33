package dev.vigil.app.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.app.NodeProcess;
import dev.vigil.app.embedded.EmbeddedS3;
import dev.vigil.core.config.CatalogConfig;
import dev.vigil.core.config.Listen;
import dev.vigil.core.config.ObjectStoreConfig;
import dev.vigil.core.model.CameraId;
import dev.vigil.storage.catalog.Catalog;
import dev.vigil.storage.catalog.RecordingRepository;
import dev.vigil.storage.catalog.RecordingRow;
import dev.vigil.storage.object.MinioObjectStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a recording node mid-segment: after a restart, the segment it was writing is
 * closed after its last complete fragment, uploaded and catalogued, and plays frame-exact in
 * Debian's ffprobe. Runs {@code vigil demo} from the packaged jar, as {@code ./vigil} does.
 */
class KillRecoveryIT {
    private static final int FPS = 10; // the simulator's default

    @Test
    @Timeout(300)
    void aKilledNodeLosesAtMostTheFragmentInProgress(@TempDir Path dataDir) throws Exception {
        Path jar = Path.of("target", "vigil.jar");
        assumeTrue(Files.exists(jar), "target/vigil.jar is built in the package phase; run through ./mvnw verify");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffprobe")), "Debian's ffprobe is missing (apt-get install ffmpeg)");
        Path cameraSpool = dataDir.resolve("spool").resolve("sim-1");

        List<String> first = new ArrayList<>();
        Process node = start(jar, dataDir, 600, first);
        Path part;
        try {
            part = awaitPart(cameraSpool, node, first);
            long before = Files.size(part);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (Files.size(part) < before + 3 * 1024 && System.nanoTime() < deadline) { // a few fragments more
                Thread.sleep(200);
            }
        } finally {
            node.destroyForcibly(); // SIGKILL: no shutdown hook runs
        }
        assertTrue(node.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, node.exitValue(), "killed by SIGKILL");
        assertTrue(Files.exists(part), "the unfinished segment is still in the spool");
        String stamp = part.getFileName().toString().replace(".part", "");
        long partBytes = Files.size(part);

        List<String> second = new ArrayList<>();
        Process restarted = start(jar, dataDir, 25, second);
        assertTrue(restarted.waitFor(180, TimeUnit.SECONDS), "restarted node did not stop after --seconds");
        assertEquals(0, restarted.exitValue(), String.join("\n", second));
        assertTrue(second.stream().anyMatch(l -> l.contains("recovered") && l.contains(stamp)),
                "recovery is logged:\n" + String.join("\n", second));

        ObjectStoreConfig s3Config = new ObjectStoreConfig(null, null, null, null, new Listen("127.0.0.1", 0), null,
                null, null);
        try (Catalog catalog = Catalog.open(new CatalogConfig(null, null, null), dataDir, Map.of());
                EmbeddedS3 s3 = EmbeddedS3.start(s3Config, dataDir, Map.of());
                MinioObjectStore store = MinioObjectStore.create(s3Config, s3.endpoint(), s3.secretKey())) {
            List<RecordingRow> rows = new RecordingRepository(catalog.dataSource()).findByCamera(CameraId.of("sim-1"),
                    Instant.EPOCH, Instant.now().plusSeconds(600));
            Optional<RecordingRow> recovered = rows.stream()
                    .filter(r -> r.recording().objectKey().contains("/" + stamp + "_")).findFirst();
            assertTrue(recovered.isPresent(), "the killed segment " + stamp + " is catalogued: " + rows);
            RecordingRow row = recovered.get();
            assertTrue(row.recording().bytes() <= partBytes && row.recording().bytes() > partBytes - 64 * 1024,
                    "cut after the last complete fragment: " + row.recording().bytes() + " of " + partBytes);
            Path file = dataDir.resolve("recovered.mp4");
            try (InputStream in = store.get("vigil-segments", row.recording().objectKey())) {
                Files.copy(in, file);
            }
            assertEquals(row.recording().sha256(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(file))));
            long expected = Math.round(Duration.between(row.recording().start(), row.recording().end()).toMillis()
                    / (1000.0 / FPS));
            assertTrue(expected >= 20, "at least a few seconds survived: " + expected + " frames");
            assertEquals("h264," + expected, ffprobe(file), "every frame of the recovered segment decodes");
        }
    }

    private static Path awaitPart(Path cameraSpool, Process node, List<String> output) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (System.nanoTime() < deadline) {
            assertTrue(node.isAlive(), "node exited:\n" + String.join("\n", output));
            if (Files.isDirectory(cameraSpool)) {
                try (var files = Files.list(cameraSpool)) {
                    Optional<Path> part = files.filter(f -> f.toString().endsWith(".part")).findFirst();
                    if (part.isPresent() && Files.size(part.get()) > 2048) {
                        return part.get();
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no spool file appeared:\n" + String.join("\n", output));
    }

    private static Process start(Path jar, Path dataDir, int seconds, List<String> output) throws Exception {
        return NodeProcess.demo(jar, dataDir, seconds, output);
    }

    private static String ffprobe(Path file) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,nb_read_frames", "-of", "csv=p=0", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }
}
