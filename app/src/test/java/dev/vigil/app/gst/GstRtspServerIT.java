package dev.vigil.app.gst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.app.Main;
import dev.vigil.app.cli.Console;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.IngestConfig;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Transport;
import dev.vigil.ingest.supervisor.CameraHealth;
import dev.vigil.ingest.supervisor.CameraState;
import dev.vigil.ingest.supervisor.Gateway;
import dev.vigil.ingest.supervisor.Subscription;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * The gateway and {@code vigil probe} against GStreamer's gst-rtsp-server, a server Vigil did not
 * write: real H.264 bytes (the vtest footage, re-payloaded without transcoding), Digest auth, and
 * a server that is killed, restarted and stalled mid-stream. Every test ends with no ingest thread,
 * no extra file descriptor and no ByteBuf leak report (paranoid leak detection is on in tests).
 */
class GstRtspServerIT {
    private static final CameraId CAM = CameraId.of("gst");
    private static final Path VTEST = Path.of(System.getProperty("vigil.shared.dir", "../../shared"), "media",
            "vtest-h264.mp4");

    private final ListAppender<ILoggingEvent> leaks = new ListAppender<>();
    private long fdsBefore;

    @BeforeAll
    static void requireGStreamer() throws Exception {
        GstRtspServer.assumeAvailable();
        // Load what is opened once per process (epoll natives, the random source) before any count.
        try (Gateway warmUp = gateway("rtsp://127.0.0.1:9/none", Map.of(), null, null, 2000)) {
            Thread.sleep(500);
        }
    }

    @BeforeEach
    void watchLeaks() throws Exception {
        Logger detector = (Logger) LoggerFactory.getLogger("io.netty.util.ResourceLeakDetector");
        leaks.start();
        detector.addAppender(leaks);
        fdsBefore = openFds();
    }

    @AfterEach
    void noLeaks() throws Exception {
        // Give closed sockets a moment, then make the leak detector look at collected buffers.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Set<String> ingestThreads;
        do {
            ingestThreads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(n -> n.startsWith("vigil-ingest")).collect(Collectors.toSet());
            if (ingestThreads.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        assertTrue(ingestThreads.isEmpty(), "ingest threads left after close: " + ingestThreads);
        for (int i = 0; i < 3; i++) {
            System.gc();
            io.netty.buffer.ByteBufAllocator.DEFAULT.buffer(64).release(); // lets the detector report
            Thread.sleep(50);
        }
        ((Logger) LoggerFactory.getLogger("io.netty.util.ResourceLeakDetector")).detachAppender(leaks);
        assertTrue(leaks.list.isEmpty(), "ByteBuf leaks reported: " + leaks.list);
        long fds = openFds();
        assertTrue(fds <= fdsBefore + 2, "file descriptors before " + fdsBefore + ", after " + fds);
    }

    private static long openFds() throws Exception {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    private static Gateway gateway(String url, Map<String, String> env, String user, String passwordEnv,
            int noDataTimeoutMs) {
        CameraConfig camera = new CameraConfig(CAM.value(), "lab", null, null, url, null, Transport.TCP,
                user == null ? null : new dev.vigil.core.config.CredentialsConfig(user, passwordEnv), null, null,
                null, true);
        IngestConfig ingest = new IngestConfig(3000, 5000, noDataTimeoutMs, 2000);
        return Gateway.start(List.of(camera), ingest, env, Clock.systemUTC(), 1);
    }

    @ParameterizedTest
    @CsvSource({"h264,vtest-h264.mp4,-1", "h265,vtest-h265.mp4,-1", "h264,vtest-h264.mp4,0", "h265,vtest-h265.mp4,0"})
    @Timeout(120)
    void realFootageIsIngestedFrameExact(String codec, String file, int configInterval, @TempDir Path dir)
            throws Exception {
        // configInterval -1: parameter sets in band before every key frame; 0: only in the SDP's
        // sprop-parameter-sets (quirk 36), so the file decodes only if they were taken from there.
        Path footage = VTEST.resolveSibling(file);
        assumeTrue(Files.exists(footage), footage + " is missing (../shared/media)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffprobe")), "Debian's ffprobe is missing (apt-get install ffmpeg)");
        Path annexB = dir.resolve("received." + codec);
        int written = 0;
        long inBandParameterSets = 0;
        try (GstRtspServer server = GstRtspServer.start(Map.of(), "--codec", codec, "--source",
                footage.toAbsolutePath().toString(), "--protocols", "tcp", "--config-interval",
                Integer.toString(configInterval));
                Gateway gateway = gateway(server.url(), Map.of(), null, null, 10_000);
                Subscription units = gateway.subscribe(CAM, 4096);
                OutputStream out = Files.newOutputStream(annexB)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            boolean started = false;
            while (System.nanoTime() < deadline) {
                AccessUnit unit = units.poll(Duration.ofMillis(100));
                if (unit == null) {
                    continue;
                }
                started |= unit.keyframe(); // a decodable file starts at a key frame
                if (started) {
                    if (written == 0) {
                        assertEquals(codec, unit.codec().wireName());
                        for (byte[] ps : new byte[][] {unit.parameterSets().vps(), unit.parameterSets().sps(),
                            unit.parameterSets().pps()}) {
                            if (ps != null) {
                                out.write(new byte[] {0, 0, 0, 1});
                                out.write(ps);
                            }
                        }
                    }
                    unit.writeAnnexB(out);
                    written++;
                    inBandParameterSets += unit.nalUnits().stream().filter(n -> isParameterSet(codec, n)).count();
                }
            }
            CameraHealth h = gateway.health(CAM);
            assertEquals(CameraState.PLAYING, h.state());
            assertEquals(0, h.packetsLost());
            assertEquals("GStreamer RTSP server", h.server());
        }
        assertTrue(written >= 40, "about 10 fps for 8 s, got " + written);
        if (configInterval == 0) {
            assertEquals(0, inBandParameterSets, "the server was asked to send parameter sets in the SDP only");
        } else {
            assertTrue(inBandParameterSets > 0, "the server was asked to send parameter sets in band");
        }
        Process probe = new ProcessBuilder("/usr/bin/ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0", annexB.toString())
                .redirectErrorStream(true).start();
        String result;
        try (var stdout = probe.getInputStream(); var stdin = probe.getOutputStream()) {
            result = new String(stdout.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        assertTrue(probe.waitFor(60, TimeUnit.SECONDS));
        assertEquals((codec.equals("h264") ? "h264" : "hevc") + ",768,576," + written, result,
                "ffprobe must read every access unit we wrote");
    }

    private static boolean isParameterSet(String codec, byte[] nal) {
        if (codec.equals("h264")) {
            int type = nal[0] & 0x1f;
            return type == 7 || type == 8;
        }
        int type = (nal[0] >> 1) & 0x3f;
        return type >= 32 && type <= 34;
    }

    @Test
    @Timeout(120)
    void probeWithDigestAuthRightAndWrongPassword() throws Exception {
        Map<String, String> env = Map.of("GST_PW", "s3cret");
        try (GstRtspServer server = GstRtspServer.start(env, "--user", "admin", "--password-env", "GST_PW")) {
            Map<String, String> probeEnv = new HashMap<>(System.getenv());
            probeEnv.put("CAM_PW", "s3cret");
            probeEnv.put("BAD_PW", "wrong");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), probeEnv);
            int status = Main.cli().run(new String[] {"probe", server.url(), "--user", "admin", "--password-env",
                "CAM_PW", "--seconds", "3", "--json"}, console);
            assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
            JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
            assertEquals(server.url(), json.get("url").asText());
            assertEquals("tcp", json.get("transport").asText());
            assertEquals("GStreamer RTSP server", json.get("server").asText());
            assertEquals("h264", json.get("codec").asText());
            assertEquals(640, json.get("width").asInt());
            assertEquals(360, json.get("height").asInt());
            assertEquals(25.0, json.get("fps").asDouble(), 1.0);
            assertTrue(json.get("accessUnits").asLong() >= 50, json.toString());
            assertTrue(json.get("keyframes").asLong() >= 1, json.toString());
            assertTrue(json.get("bitrateKbps").asDouble() > 0, json.toString());
            assertEquals(0, json.get("rtpPacketsLost").asLong());
            for (String key : List.of("seconds", "bytes", "reconnects")) {
                assertTrue(json.has(key), key);
            }
            assertTrue(!out.toString(StandardCharsets.UTF_8).contains("s3cret"));

            out.reset();
            err.reset();
            status = Main.cli().run(new String[] {"probe", server.url(), "--user", "admin", "--password-env", "BAD_PW",
                "--seconds", "2"}, console);
            assertEquals(4, status, "unauthorized");
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("vigil probe: unauthorized: "), err.toString());
            assertTrue(!err.toString(StandardCharsets.UTF_8).contains("wrong"));
        }
    }

    /** The matrix of the ingest issue: H.264 and H.265, TCP and UDP, with and without Digest auth. */
    @ParameterizedTest
    @CsvSource({"h264,tcp,false", "h264,udp,false", "h264,tcp,true", "h264,udp,true",
        "h265,tcp,false", "h265,udp,false", "h265,tcp,true", "h265,udp,true"})
    @Timeout(60)
    void probeMatrix(String codec, String transport, boolean auth) throws Exception {
        Map<String, String> env = Map.of("GST_PW", "s3cret");
        List<String> args = new java.util.ArrayList<>(List.of("--codec", codec, "--protocols", transport));
        if (auth) {
            args.addAll(List.of("--user", "admin", "--password-env", "GST_PW"));
        }
        try (GstRtspServer server = GstRtspServer.start(env, args.toArray(String[]::new))) {
            Map<String, String> probeEnv = new HashMap<>(System.getenv());
            probeEnv.put("CAM_PW", "s3cret");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), probeEnv);
            List<String> probe = new java.util.ArrayList<>(List.of("probe", server.url(), "--transport", transport,
                    "--seconds", "2", "--json"));
            if (auth) {
                probe.addAll(List.of("--user", "admin", "--password-env", "CAM_PW"));
            }
            int status = Main.cli().run(probe.toArray(String[]::new), console);
            assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
            JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
            assertEquals(codec, json.get("codec").asText());
            assertEquals(transport, json.get("transport").asText());
            assertEquals(640, json.get("width").asInt());
            assertEquals(360, json.get("height").asInt());
            assertTrue(json.get("accessUnits").asLong() >= 25, json.toString());
        }
    }

    @Test
    @Timeout(120)
    void autoFallsBackToUdpWhenTheServerRefusesTcp() throws Exception {
        try (GstRtspServer server = GstRtspServer.start(Map.of(), "--protocols", "udp")) {
            CameraConfig camera = new CameraConfig(CAM.value(), "lab", null, null, server.url(), null, Transport.AUTO,
                    null, null, null, null, true);
            try (Gateway gateway = Gateway.start(List.of(camera), new IngestConfig(3000, 5000, 5000, 2000), Map.of(),
                    Clock.systemUTC(), 1)) {
                CameraHealth h = awaitPlayingWithNewUnits(gateway, 0);
                assertEquals(Transport.UDP, h.transport());
                assertEquals(0, h.packetsLost());
                assertEquals(1, h.reconnects(), "one refused TCP attempt, then UDP");
                assertEquals("transport refused", h.lastFailure().label());
            }
        }
    }

    @Test
    @Timeout(60)
    void udpOnlyCameraAgainstATcpOnlyServerIsTransportRefused() throws Exception {
        try (GstRtspServer server = GstRtspServer.start(Map.of(), "--protocols", "tcp")) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Console console = new Console(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), System.getenv());
            int status = Main.cli().run(new String[] {"probe", server.url(), "--transport", "udp", "--seconds", "1"},
                    console);
            assertEquals(8, status, err.toString(StandardCharsets.UTF_8));
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("vigil probe: transport refused: "), err.toString());
        }
    }

    @Test
    @Timeout(180)
    void supervisorRecoversFromKillRestartAndStall() throws Exception {
        try (GstRtspServer server = GstRtspServer.start(Map.of(), "--protocols", "tcp");
                Gateway gateway = gateway(server.url(), Map.of(), null, null, 2000)) {
            awaitPlayingWithNewUnits(gateway, 0);

            server.signal("KILL");
            awaitState(gateway, CameraState.BACKING_OFF, CameraState.CONNECTING);
            server.restart();
            long reconnectsAfterKill = awaitPlayingWithNewUnits(gateway, gateway.health(CAM).accessUnits()).reconnects();
            assertTrue(reconnectsAfterKill >= 1, "a reconnect after the kill");

            server.signal("STOP"); // the connection stays open but nothing flows: the watchdog must notice
            Thread.sleep(3500);
            server.signal("CONT");
            CameraHealth h = awaitPlayingWithNewUnits(gateway, gateway.health(CAM).accessUnits());
            assertTrue(h.reconnects() > reconnectsAfterKill, "the stall ends the session and a new one starts: " + h);
        }
    }

    private static CameraHealth awaitPlayingWithNewUnits(Gateway gateway, long unitsBefore) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        CameraHealth h = gateway.health(CAM);
        while (System.nanoTime() < deadline) {
            h = gateway.health(CAM);
            if (h.state() == CameraState.PLAYING && h.accessUnits() > unitsBefore + 25) {
                return h;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not playing with new access units: " + h);
    }

    private static void awaitState(Gateway gateway, CameraState... states) throws InterruptedException {
        Set<CameraState> wanted = Set.of(states);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (wanted.contains(gateway.health(CAM).state())) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("state never became " + wanted + ": " + gateway.health(CAM));
    }
}
