package dev.vigil.app.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.CredentialsConfig;
import dev.vigil.core.config.IngestConfig;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Transport;
import dev.vigil.ingest.rtsp.Credentials;
import dev.vigil.ingest.rtsp.SessionFailure;
import dev.vigil.ingest.sim.SimulatedCameraServer;
import dev.vigil.ingest.sim.SimulatedStream;
import dev.vigil.ingest.supervisor.CameraHealth;
import dev.vigil.ingest.supervisor.CameraState;
import dev.vigil.ingest.supervisor.Gateway;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulated camera's optional Digest authentication, against Vigil's client and FFmpeg's. */
class SimulatedCameraAuthIT {
    private static SimulatedStream stream;

    @BeforeAll
    static void encode() {
        stream = new SceneEncoder(320, 180, 10, 2, 1, 300).encode().toSimulatedStream();
    }

    private static CameraHealth run(SimulatedCameraServer server, String password) throws Exception {
        CameraConfig camera = new CameraConfig("cam", "lab", null, null, server.urls().get(0), null, Transport.TCP,
                new CredentialsConfig("admin", "SIM_PW"), null, null, null, true);
        try (Gateway gateway = Gateway.start(List.of(camera), new IngestConfig(2000, 3000, 3000, 2000),
                Map.of("SIM_PW", password), Clock.systemUTC(), 1)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            CameraHealth h = gateway.health(CameraId.of("cam"));
            while (System.nanoTime() < deadline) {
                h = gateway.health(CameraId.of("cam"));
                if ((h.state() == CameraState.PLAYING && h.accessUnits() > 5) || h.lastFailure() != null) {
                    break;
                }
                Thread.sleep(50);
            }
            return h;
        }
    }

    @Test
    void rightPasswordPlaysWrongOneIsUnauthorized() throws Exception {
        try (SimulatedCameraServer server = SimulatedCameraServer.start(stream, 1, "127.0.0.1", 0,
                new Credentials("admin", "s3cret"))) {
            CameraHealth ok = run(server, "s3cret");
            assertEquals(CameraState.PLAYING, ok.state(), String.valueOf(ok.lastError()));
            assertTrue(ok.accessUnits() > 5);
            CameraHealth refused = run(server, "wrong");
            assertEquals(SessionFailure.UNAUTHORIZED, refused.lastFailure(), String.valueOf(refused.lastError()));
            assertTrue(!refused.lastError().contains("wrong"), refused.lastError());
        }
    }

    /** Interoperability: FFmpeg's RTSP client authenticates with Digest too. */
    @Test
    void ffprobeAuthenticates() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/ffprobe"))) {
            System.out.println("skipped: /usr/bin/ffprobe is not installed");
            return;
        }
        try (SimulatedCameraServer server = SimulatedCameraServer.start(stream, 1, "127.0.0.1", 0,
                new Credentials("admin", "s3cret"))) {
            String url = server.urls().get(0).replace("rtsp://", "rtsp://admin:s3cret@");
            Process p = new ProcessBuilder("/usr/bin/ffprobe", "-v", "error", "-rtsp_transport", "tcp",
                    "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", url)
                    .redirectErrorStream(true).start();
            String out;
            try (var in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals("h264,320,180", out);
        }
    }
}
