package dev.vigil.storage.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vigil.core.config.CatalogConfig;
import dev.vigil.core.model.CameraId;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 catalog held by one process (a running node, here a child JVM) is read and
 * written by another (the export command) through H2's auto server, which listens on loopback.
 */
@Timeout(120)
class CatalogAutoServerIT {
    @TempDir
    Path dataDir;

    @Test
    void anotherProcessUsesTheCatalogWhileTheNodeHoldsIt() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process node = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                CatalogHolder.class.getName(), dataDir.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line; (line = out.readLine()) != null && !line.equals("ready"); ) {
                seen.append(line).append('\n');
            }
            assertTrue(node.isAlive(), "the holder died:\n" + seen);

            try (Catalog catalog = Catalog.open(new CatalogConfig(null, null, null), dataDir, Map.of())) {
                RecordingRepository recordings = new RecordingRepository(catalog.dataSource());
                assertTrue(recordings.findByObjectKey("held-by-the-node.mp4").isPresent());
                recordings.insert(TestCatalogs.recording("gate-3", Instant.parse("2026-03-01T10:01:00Z"), 60,
                        "added-by-the-cli.mp4", null));
                assertEquals(2, recordings.findByCamera(CameraId.of("gate-3"), Instant.parse("2026-03-01T09:00:00Z"),
                        Instant.parse("2026-03-01T11:00:00Z")).size());
            }
            Properties lock = new Properties();
            try (var in = Files.newInputStream(dataDir.resolve("catalog/vigil.lock.db"))) {
                lock.load(in);
            }
            String server = lock.getProperty("server", "");
            assertTrue(server.startsWith("localhost:") || server.startsWith("127.0.0.1:"), "auto server: " + lock);
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
            for (InetAddress address : nonLoopbackAddresses()) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port), 2_000);
                    fail("the catalog's auto server answers on " + address + ":" + port + ", not only on loopback");
                } catch (IOException expected) {
                    // refused: it listens on loopback only
                }
            }
        } finally {
            node.getOutputStream().close();
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
        assertEquals(0, node.exitValue());
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        addresses.add(a);
                    }
                }
            }
        }
        return addresses;
    }
}
