package dev.vigil.app.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.IngestConfig;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Transport;
import dev.vigil.ingest.rtsp.SessionFailure;
import dev.vigil.ingest.sim.SimulatedCameraServer;
import dev.vigil.ingest.supervisor.CameraHealth;
import dev.vigil.ingest.supervisor.CameraState;
import dev.vigil.ingest.supervisor.Gateway;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rtsps://} (RTSP over TLS): a TLS front with a self-signed certificate for 127.0.0.1 (made
 * by the JDK's keytool) relays to a simulated camera. Trusted through {@code ingest.tlsTrustFile},
 * the camera plays; with the JDK's trust store it is refused.
 */
class RtspsIT {
    private static void keytool(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed: " + out);
    }

    private static void pump(InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (in; out) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (Exception ignored) {
                // either side closed
            }
        }, "tls-pump");
        t.setDaemon(true);
        t.start();
    }

    private static CameraHealth play(String url, String trustFile) throws Exception {
        CameraConfig camera = new CameraConfig("cam", "lab", null, null, url, null, Transport.TCP, null, null, null,
                null, true);
        try (Gateway gateway = Gateway.start(List.of(camera), new IngestConfig(2000, 3000, 3000, 2000, trustFile),
                Map.of(), Clock.systemUTC(), 1)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            CameraHealth h = gateway.health(CameraId.of("cam"));
            while (System.nanoTime() < deadline && !(h.state() == CameraState.PLAYING && h.accessUnits() > 5)
                    && h.lastFailure() == null) {
                Thread.sleep(50);
                h = gateway.health(CameraId.of("cam"));
            }
            return h;
        }
    }

    @Test
    void rtspsPlaysWithTheTrustedCertificateOnly(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("camera.p12");
        Path pem = dir.resolve("camera.pem");
        keytool("-genkeypair", "-alias", "camera", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=camera",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "camera", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);

        var stream = new SceneEncoder(320, 180, 10, 2, 1, 300).encode().toSimulatedStream();
        try (SimulatedCameraServer server = SimulatedCameraServer.start(stream, 1, "127.0.0.1", 0);
                SSLServerSocket front = (SSLServerSocket) ssl.getServerSocketFactory().createServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                while (!front.isClosed()) {
                    try {
                        Socket client = front.accept();
                        Socket camera = new Socket("127.0.0.1", server.port());
                        pump(client.getInputStream(), camera.getOutputStream());
                        pump(camera.getInputStream(), client.getOutputStream());
                    } catch (Exception e) {
                        // closed
                    }
                }
            }, "tls-front");
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "rtsps://127.0.0.1:" + front.getLocalPort() + "/sim/cam-1";

            CameraHealth trusted = play(url, pem.toString());
            assertEquals(CameraState.PLAYING, trusted.state(), String.valueOf(trusted.lastError()));
            assertTrue(trusted.accessUnits() > 5);

            CameraHealth untrusted = play(url, null);
            assertEquals(SessionFailure.UNREACHABLE, untrusted.lastFailure(), String.valueOf(untrusted.lastError()));
            assertTrue(untrusted.lastError().contains("certificat") || untrusted.lastError().contains("PKIX")
                    || untrusted.lastError().contains("SSL"), untrusted.lastError());
        }
    }
}
