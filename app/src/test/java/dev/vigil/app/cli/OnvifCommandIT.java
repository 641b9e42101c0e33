package dev.vigil.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.app.Main;
import dev.vigil.ingest.rtsp.Credentials;
import dev.vigil.ingest.sim.SimulatedDiscoveryResponder;
import dev.vigil.ingest.sim.SimulatedOnvifDevice;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ./vigil onvif} in-process against the simulated device and responder on loopback. */
class OnvifCommandIT {
    private static final Map<String, String> ENV = Map.of("CAM_PW", "s3cret-pw", "BAD_PW", "Not-The-Pa55");
    private static final Credentials LOGIN = new Credentials("admin", "s3cret-pw");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), ENV);
        return Main.cli().run(args, console);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static SimulatedOnvifDevice device() {
        return SimulatedOnvifDevice.start(SimulatedOnvifDevice.Options.of(LOGIN, "rtsp://127.0.0.1:8654/sim/cam-1",
                "rtsp://127.0.0.1:8654/sim/cam-2").withAdvertisedHost("192.168.68.111"), "127.0.0.1");
    }

    @Test
    void inspectPrintsDeviceProfilesAndUrisAsJson() throws Exception {
        try (SimulatedOnvifDevice sim = device()) {
            assertEquals(Cli.OK, run("onvif", "inspect", sim.deviceService().toString(), "--user", "admin",
                    "--password-env", "CAM_PW", "--json"), err());
            JsonNode j = new ObjectMapper().readTree(out());
            assertEquals("Vigil", j.at("/device/manufacturer").asText());
            assertEquals("Simulated ONVIF camera", j.at("/device/model").asText());
            assertEquals("1.0.0", j.at("/device/firmware").asText());
            assertEquals("SIM-0001", j.at("/device/serial").asText());
            assertEquals(2, j.get("profiles").size());
            JsonNode main = j.get("profiles").get(0);
            assertEquals("profile_main", main.get("token").asText());
            assertEquals("mainStream", main.get("name").asText());
            assertEquals("H264", main.get("codec").asText());
            assertEquals(1920, main.get("width").asInt());
            assertEquals(1080, main.get("height").asInt());
            assertEquals("rtsp://127.0.0.1:8654/sim/cam-1", main.get("streamUri").asText()); // quirk 43 rewrite
            assertEquals("http://127.0.0.1:" + sim.port() + "/snapshot/profile_main.jpg", main.get("snapshotUri").asText());
            assertFalse(out().contains("s3cret-pw"));

            assertEquals(Cli.OK, run("onvif", "inspect", sim.deviceService().toString(), "--user", "admin",
                    "--password-env", "CAM_PW"), err());
            assertTrue(out().contains("profile_sub"), out());
            assertTrue(out().contains("640x360"), out());
        }
    }

    @Test
    void wrongCredentialsUnreachableAndNotOnvifEachHaveOneLineAndTheirOwnExit() throws Exception {
        try (SimulatedOnvifDevice sim = device()) {
            assertEquals(4, run("onvif", "inspect", sim.deviceService().toString(), "--user", "admin",
                    "--password-env", "BAD_PW"));
            assertEquals(1, err().lines().count(), err());
            assertTrue(err().startsWith("vigil onvif inspect: unauthorized: "), err());
            assertFalse(err().contains("Not-The-Pa55"), err());
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertEquals(9, run("onvif", "inspect", "http://127.0.0.1:" + port + "/onvif/device_service"));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith("vigil onvif inspect: unreachable: "), err());

        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] page = "<!DOCTYPE html><html><body>router login</body></html>".getBytes(StandardCharsets.UTF_8);
        web.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            x.getResponseHeaders().set("Content-Type", "text/html");
            x.sendResponseHeaders(200, page.length);
            x.getResponseBody().write(page);
            x.close();
        });
        web.start();
        try {
            assertEquals(11, run("onvif", "inspect", "http://127.0.0.1:" + web.getAddress().getPort() + "/"));
            assertEquals(1, err().lines().count(), err());
            assertTrue(err().startsWith("vigil onvif inspect: not an ONVIF device: "), err());
        } finally {
            web.stop(0);
        }
    }

    @Test
    void discoverByDirectedProbe() throws Exception {
        try (SimulatedOnvifDevice sim = device();
                SimulatedDiscoveryResponder responder = SimulatedDiscoveryResponder.unicast("127.0.0.1",
                        List.of(sim.deviceService()), List.of("onvif://www.onvif.org/name/Sim%20Cam",
                                "onvif://www.onvif.org/hardware/SIM-1"))) {
            assertEquals(Cli.OK, run("onvif", "discover", "--timeout", "1", "--host", "127.0.0.1:" + responder.port(),
                    "--json"), err());
            JsonNode j = new ObjectMapper().readTree(out());
            assertEquals(1, j.get("devices").size());
            assertEquals("Sim Cam", j.at("/devices/0/name").asText());
            assertEquals(sim.deviceService().toString(), j.at("/devices/0/xaddrs/0").asText());
            assertEquals(Cli.OK, run("onvif", "discover", "--timeout", "1", "--host", "127.0.0.1:" + responder.port()));
            assertTrue(out().startsWith("Sim Cam"), out());
        }
    }

    @Test
    void usageErrors() {
        assertEquals(Cli.USAGE, run("onvif"));
        assertEquals("vigil onvif: expected discover or inspect, got nothing", err().strip());
        assertEquals(Cli.USAGE, run("onvif", "inspect", "http://admin:pw@10.0.0.1/onvif/device_service"));
        assertFalse(err().contains("pw@"), err());
        assertEquals(Cli.USAGE, run("onvif", "inspect", "rtsp://10.0.0.1/x"));
        assertEquals(Cli.USAGE, run("onvif", "inspect", "http://10.0.0.1/x", "--user", "u", "--password-env", "UNSET"));
        assertEquals("vigil onvif inspect: --password-env UNSET: the variable is not set", err().strip());
        assertEquals(Cli.USAGE, run("onvif", "discover", "--timeout", "0"));
        assertEquals(Cli.OK, run("onvif", "--help"));
        assertTrue(out().startsWith("Usage: ./vigil onvif discover"), out());
    }
}
