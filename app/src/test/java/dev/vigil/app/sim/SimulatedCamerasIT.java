package dev.vigil.app.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.IngestConfig;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.ingest.sim.SimulatedCameraServer;
import dev.vigil.ingest.sim.SimulatedStream;
import dev.vigil.ingest.supervisor.CameraHealth;
import dev.vigil.ingest.supervisor.CameraState;
import dev.vigil.ingest.supervisor.Gateway;
import dev.vigil.ingest.supervisor.Subscription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * End to end over real RTSP on loopback: the scene encoder, the simulated camera server (2
 * cameras) and the gateway (RTSP client, depacketizer, supervisor, fan-out).
 */
class SimulatedCamerasIT {
    private static final int FPS = 10;
    private static final Duration RUN = Duration.ofSeconds(4);

    @ParameterizedTest
    @ValueSource(strings = {"TCP", "UDP"})
    void gatewayReceivesBothCamerasFrameForFrame(String transport, @TempDir Path tmp) throws Exception {
        Logger leakLog = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        ListAppender<ILoggingEvent> leaks = new ListAppender<>();
        leaks.start();
        leakLog.addAppender(leaks);
        int threadsBefore = liveThreadNames().size();

        long cpu0 = processCpuNanos();
        EncodedScene scene = new SceneEncoder(640, 360, FPS, 4, 2, 800).encode();
        long encodeCpu = processCpuNanos() - cpu0;
        System.out.printf("encode: %d frames 640x360 in %.0f ms wall, %.0f ms CPU, %d bytes%n",
                scene.frames().size(), scene.encodeNanos() / 1e6, encodeCpu / 1e6, scene.payloadBytes());
        SimulatedStream stream = scene.toSimulatedStream();

        List<List<AccessUnit>> received = new ArrayList<>();
        Map<CameraId, CameraHealth> health;
        long served;
        long cpu1;
        long cpuRun;
        try (SimulatedCameraServer server = SimulatedCameraServer.start(stream, 2, "127.0.0.1", 0)) {
            List<CameraConfig> cameras = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                cameras.add(new CameraConfig("sim-" + (i + 1), "lab", null, null, server.urls().get(i), null,
                        dev.vigil.core.model.Transport.valueOf(transport), null, null, null, null, null));
            }
            IngestConfig config = new IngestConfig(2000, 3000, 3000, 2000);
            cpu1 = processCpuNanos();
            try (Gateway gateway = Gateway.start(cameras, config, Map.of(), Clock.systemUTC(), 2)) {
                List<Subscription> subs = new ArrayList<>();
                for (CameraId id : gateway.cameras()) {
                    subs.add(gateway.subscribe(id, 1000));
                    received.add(new ArrayList<>());
                }
                long end = System.nanoTime() + RUN.toNanos();
                while (System.nanoTime() < end) {
                    for (int i = 0; i < subs.size(); i++) {
                        for (AccessUnit u = subs.get(i).poll(); u != null; u = subs.get(i).poll()) {
                            received.get(i).add(u);
                        }
                    }
                    Thread.sleep(20);
                }
                health = gateway.health();
                cpuRun = processCpuNanos() - cpu1;
                subs.forEach(s -> assertEquals(0, s.dropped(), "subscriber drops"));
            }
            served = server.sentFrames();
        }
        System.out.printf("serve+ingest 2 streams for %d ms: %.0f ms CPU (%.1f%% of one core), served %d frames%n",
                RUN.toMillis(), cpuRun / 1e6, 100.0 * cpuRun / RUN.toNanos(), served);
        health.values().forEach(h -> System.out.println("health: " + h));

        for (int cam = 0; cam < 2; cam++) {
            List<AccessUnit> units = received.get(cam);
            CameraHealth h = health.get(CameraId.of("sim-" + (cam + 1)));
            assertEquals(CameraState.PLAYING, h.state());
            assertEquals(dev.vigil.core.model.Transport.valueOf(transport), h.transport());
            double seconds = RUN.toMillis() / 1000.0;
            assertTrue(units.size() >= (seconds - 1.5) * FPS && units.size() <= (seconds + 0.5) * FPS,
                    "about " + FPS + " fps over " + seconds + " s, got " + units.size());
            long keys = units.stream().filter(AccessUnit::keyframe).count();
            assertTrue(keys >= 1, "at least one key frame, got " + keys);
            assertEquals(0, h.packetsLost());
            assertEquals(0, h.badPackets());
            assertTrue(h.fps() > FPS * 0.6 && h.fps() < FPS * 1.5, "health fps " + h.fps());

            // Frame for frame: received unit k is served frame (offset + k) of the loop.
            int offset = indexOf(stream, units.get(0));
            assertTrue(offset >= 0, "the first received unit is one of the served frames");
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            ByteArrayOutputStream actual = new ByteArrayOutputStream();
            List<byte[]> chunks = new ArrayList<>();
            int firstKey = -1;
            for (int k = 0; k < units.size(); k++) {
                byte[][] servedNals = stream.frames().get((offset + k) % stream.frames().size());
                AccessUnit u = units.get(k);
                assertEquals(servedNals.length, u.nalUnits().size(), "NAL count of unit " + k);
                for (int n = 0; n < servedNals.length; n++) {
                    assertArrayEquals(servedNals[n], u.nalUnits().get(n), "unit " + k + " NAL " + n);
                }
                if (k > 0) {
                    assertEquals(90_000 / FPS, u.pts90k() - units.get(k - 1).pts90k(), "pts step at unit " + k);
                    // Wall clock from the simulator's RTCP sender reports (or receive time before the first).
                    long stepMs = java.time.Duration.between(units.get(k - 1).wallClock(), u.wallClock()).toMillis();
                    assertTrue(stepMs >= 0 && stepMs <= 2 * 1000 / FPS, "wall-clock step " + stepMs + " ms at unit " + k);
                }
                assertTrue(Math.abs(java.time.Duration.between(u.wallClock(), java.time.Instant.now()).toSeconds()) <= 10,
                        "wall clock " + u.wallClock() + " is near now");
                if (firstKey < 0 && u.keyframe()) {
                    firstKey = k;
                }
                if (firstKey >= 0) {
                    ByteArrayOutputStream chunk = new ByteArrayOutputStream();
                    u.writeAnnexB(chunk);
                    chunks.add(chunk.toByteArray());
                    u.writeAnnexB(actual);
                    for (byte[] nal : servedNals) {
                        expected.write(new byte[] {0, 0, 0, 1});
                        expected.write(nal);
                    }
                }
            }
            assertArrayEquals(expected.toByteArray(), actual.toByteArray(), "Annex B of camera " + (cam + 1));
            Path file = tmp.resolve("cam-" + (cam + 1) + ".h264");
            Files.write(file, actual.toByteArray());
            int frames = units.size() - firstKey;
            assertEquals(frames, DecodeCheck.countDecodedFrames(chunks), "frames decoded by FFmpeg (in process)");
            ffprobeFrameCount(file).ifPresentOrElse(
                    n -> assertEquals(frames, n, "frames counted by ffprobe"),
                    () -> System.out.println("skipped ffprobe check: /usr/bin/ffprobe is not installed"));
        }

        assertNoLeaks(leaks);
        leakLog.detachAppender(leaks);
        List<String> left = liveThreadNames().stream()
                .filter(n -> n.startsWith("vigil-ingest") || n.startsWith("vigil-sim-rtsp")).toList();
        assertEquals(List.of(), left, "threads left after close (before: " + threadsBefore + ")");
    }

    /** Interoperability: FFmpeg's own RTSP client reads the simulated camera over TCP and UDP. */
    @ParameterizedTest
    @ValueSource(strings = {"tcp", "udp"})
    void ffprobeReadsASimulatedCamera(String transport) throws Exception {
        Path ffprobe = Path.of("/usr/bin/ffprobe");
        Assumptions.assumeTrue(Files.isExecutable(ffprobe), "skipped: /usr/bin/ffprobe is not installed");
        EncodedScene scene = new SceneEncoder(320, 180, FPS, 2, 1, 300).encode();
        try (SimulatedCameraServer server = SimulatedCameraServer.start(scene.toSimulatedStream(), 1, "127.0.0.1", 0)) {
            Process p = new ProcessBuilder(ffprobe.toString(), "-v", "error", "-rtsp_transport", transport,
                    "-select_streams", "v:0", "-read_intervals", "%+3", "-count_frames", "-show_entries",
                    "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0", server.urls().get(0))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "ffprobe finished");
            System.out.println("ffprobe over " + transport + ": " + out);
            String[] f = out.lines().reduce((a, b) -> b).orElse("").split(",");
            assertEquals("h264", f[0], out);
            assertEquals("320", f[1], out);
            assertEquals("180", f[2], out);
            int frames = Integer.parseInt(f[3].strip());
            assertTrue(frames >= 2 * FPS, "ffprobe decoded " + frames + " frames in about 3 s");
        }
    }

    private static int indexOf(SimulatedStream stream, AccessUnit unit) {
        for (int i = 0; i < stream.frames().size(); i++) {
            byte[][] f = stream.frames().get(i);
            if (f.length == unit.nalUnits().size()) {
                boolean same = true;
                for (int n = 0; n < f.length && same; n++) {
                    same = java.util.Arrays.equals(f[n], unit.nalUnits().get(n));
                }
                if (same) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static java.util.Optional<Integer> ffprobeFrameCount(Path file) throws IOException, InterruptedException {
        Path ffprobe = Path.of("/usr/bin/ffprobe");
        if (!Files.isExecutable(ffprobe)) {
            return java.util.Optional.empty();
        }
        Process p = new ProcessBuilder(ffprobe.toString(), "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return java.util.Optional.of(Integer.parseInt(out.lines().reduce((a, b) -> b).orElse("-1").strip()));
    }

    /** Paranoid leak detection reports on later allocations, after the leaked buffer was collected. */
    private static void assertNoLeaks(ListAppender<ILoggingEvent> leaks) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(64);
            b.release();
        }
        List<String> reports = leaks.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("LEAK")).toList();
        assertEquals(List.of(), reports, "ByteBuf leaks");
    }

    private static List<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName).toList();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
