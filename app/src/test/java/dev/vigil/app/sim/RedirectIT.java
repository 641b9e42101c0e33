package dev.vigil.app.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.IngestConfig;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Transport;
import dev.vigil.ingest.sim.SimulatedCameraServer;
import dev.vigil.ingest.supervisor.CameraHealth;
import dev.vigil.ingest.supervisor.CameraState;
import dev.vigil.ingest.supervisor.Gateway;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** RTSP redirects (RFC 2326 section 11.3.3): DESCRIBE answered 302 with a Location is followed. */
class RedirectIT {
    /** A server that answers every request with a redirect to {@code location}. */
    private static Thread redirector(ServerSocket socket, String location) {
        Thread t = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    OutputStream out = s.getOutputStream();
                    String line;
                    String cseq = "0";
                    while ((line = in.readLine()) != null) {
                        if (line.regionMatches(true, 0, "CSeq:", 0, 5)) {
                            cseq = line.substring(5).strip();
                        }
                        if (line.isEmpty()) {
                            out.write(("RTSP/1.0 302 Moved Temporarily\r\nCSeq: " + cseq + "\r\nLocation: " + location
                                    + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                            out.flush();
                        }
                    }
                } catch (Exception e) {
                    // closed
                }
            }
        }, "redirector");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void describeRedirectIsFollowed() throws Exception {
        var stream = new SceneEncoder(320, 180, 10, 2, 1, 300).encode().toSimulatedStream();
        try (SimulatedCameraServer server = SimulatedCameraServer.start(stream, 1, "127.0.0.1", 0);
                ServerSocket front = new ServerSocket(0)) {
            redirector(front, server.urls().get(0));
            CameraConfig camera = new CameraConfig("cam", "lab", null, null, "rtsp://127.0.0.1:" + front.getLocalPort()
                    + "/old", null, Transport.TCP, null, null, null, null, true);
            try (Gateway gateway = Gateway.start(List.of(camera), new IngestConfig(2000, 3000, 3000, 2000), Map.of(),
                    Clock.systemUTC(), 1)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                CameraHealth h = gateway.health(CameraId.of("cam"));
                while (System.nanoTime() < deadline && !(h.state() == CameraState.PLAYING && h.accessUnits() > 5)) {
                    Thread.sleep(50);
                    h = gateway.health(CameraId.of("cam"));
                }
                assertEquals(CameraState.PLAYING, h.state(), String.valueOf(h.lastError()));
                assertEquals("redirected", h.lastFailure().label());
                assertTrue(h.lastError().contains("302"), h.lastError());
            }
        }
    }

    @Test
    void redirectLoopBacksOff() throws Exception {
        try (ServerSocket loop = new ServerSocket(0)) {
            String self = "rtsp://127.0.0.1:" + loop.getLocalPort() + "/again";
            redirector(loop, self);
            CameraConfig camera = new CameraConfig("cam", "lab", null, null, self, null, Transport.TCP, null, null,
                    null, null, true);
            try (Gateway gateway = Gateway.start(List.of(camera), new IngestConfig(2000, 3000, 3000, 2000), Map.of(),
                    Clock.systemUTC(), 1)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                CameraHealth h = gateway.health(CameraId.of("cam"));
                while (System.nanoTime() < deadline && (h.lastError() == null || !h.lastError().contains("redirects in a row"))) {
                    Thread.sleep(20);
                    h = gateway.health(CameraId.of("cam"));
                }
                assertTrue(h.lastError() != null && h.lastError().contains("more than 3 redirects in a row"),
                        String.valueOf(h.lastError()));
            }
        }
    }
}
