package dev.vigil.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.ApiFixture;
import dev.vigil.api.FakeNodeStatus;
import dev.vigil.api.http.FieldError;
import dev.vigil.core.access.CameraNetworks;
import dev.vigil.core.access.Role;
import dev.vigil.core.config.ApiLimitsConfig;
import dev.vigil.core.directory.ProbeReport;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sites and cameras managed by integrators, over HTTP: networks enforced, passwords write-only, tests run. */
class IntegratorRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ApiFixture api = ApiFixture.standard(ApiLimitsConfig.defaults(),
            camera -> java.util.Optional.empty(), new FakeNodeStatus());
    private final String integrator = api.token(Role.INTEGRATOR, null);

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        return api.send(method, path, token, body == null ? null : "application/json", body);
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private String camera(String url) {
        return "{\"id\":\"gate-3\",\"site\":\"yard\",\"kind\":\"traffic\",\"url\":\"" + url
                + "\",\"transport\":\"tcp\",\"username\":\"viewer\",\"password\":\"s3cret-pw\",\"lat\":10.77,\"lon\":106.7}";
    }

    @Test
    void sitesAndCamerasWithinTheNetworksWithWriteOnlyPasswords() throws Exception {
        assertEquals(201, send("POST", "/api/v1/config/sites", integrator, "{\"id\":\"yard\",\"name\":\"Yard\"}")
                .statusCode());
        assertEquals(409, send("POST", "/api/v1/config/sites", integrator, "{\"id\":\"yard\"}").statusCode());
        assertEquals(403, send("POST", "/api/v1/config/sites", api.token(Role.VIEWER, null), "{\"id\":\"x\"}")
                .statusCode());
        assertEquals(403, send("POST", "/api/v1/config/sites", api.token(Role.INTEGRATOR, "yard"), "{\"id\":\"x\"}")
                .statusCode(), "a site-limited integrator cannot add sites");

        HttpResponse<String> created = send("POST", "/api/v1/config/cameras", integrator,
                camera("rtsp://10.20.1.5:554/Streaming/Channels/101"));
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(json(created).get("hasPassword").asBoolean());
        assertFalse(created.body().contains("s3cret-pw"), "the password is never returned");
        assertFalse(send("GET", "/api/v1/config/cameras", integrator, null).body().contains("s3cret-pw"));
        assertFalse(send("GET", "/api/v1/config/cameras/gate-3", integrator, null).body().contains("s3cret-pw"));
        assertEquals(409, send("POST", "/api/v1/config/cameras", integrator,
                camera("rtsp://10.20.1.5/x")).statusCode(), "the id is taken");

        HttpResponse<String> moved = send("PUT", "/api/v1/config/cameras/gate-3", integrator,
                "{\"site\":\"yard\",\"url\":\"rtsp://cam.example/live\",\"username\":\"viewer\"}");
        assertEquals(200, moved.statusCode(), moved.body());
        assertTrue(json(moved).get("hasPassword").asBoolean(), "no password given: the stored one stays");

        api.probeAnswer = new ProbeReport(true, null, null, "Hikvision", "tcp", "h264", 1920, 1080, 25, 3, 75, 2,
                600_000, 1600, 0, 0);
        HttpResponse<String> test = send("POST", "/api/v1/cameras/gate-3/test", integrator, null);
        assertEquals(200, test.statusCode(), test.body());
        assertEquals("h264", json(test).get("codec").asText());
        assertEquals(List.of("rtsp://cam.example/live viewer s3cret-pw"), api.probed, "the probe gets the login");

        String elsewhere = api.token(Role.INTEGRATOR, "gate");
        assertEquals(403, send("POST", "/api/v1/config/cameras", elsewhere, camera("rtsp://10.20.1.6/x")
                .replace("gate-3", "gate-4")).statusCode());
        assertEquals(0, json(send("GET", "/api/v1/config/cameras", elsewhere, null)).get("cameras").size());
        assertEquals(404, send("POST", "/api/v1/cameras/nope/test", integrator, null).statusCode());

        assertEquals(409, send("DELETE", "/api/v1/config/sites/yard", integrator, null).statusCode());
        assertEquals(204, send("DELETE", "/api/v1/config/cameras/gate-3", integrator, null).statusCode());
        assertEquals(204, send("DELETE", "/api/v1/config/sites/yard", integrator, null).statusCode());
        assertEquals(404, send("GET", "/api/v1/config/sites/yard", integrator, null).statusCode());
    }

    @Test
    void camerasOutsideTheNetworksOrWithBadUrlsAreRefusedNamingTheUrl() throws Exception {
        send("POST", "/api/v1/config/sites", integrator, "{\"id\":\"yard\"}");
        for (String url : List.of("rtsp://127.0.0.1/x", "rtsp://10.21.0.1/x", "rtsp://169.254.169.254/latest",
                "rtsp://evil.example/x", "rtsp://nowhere.invalid/x", "rtsp://admin:pw@10.20.1.5/x", "http://10.20.1.5/x",
                "rtsp:///x", "rtsp://[::1]/x")) {
            HttpResponse<String> r = send("POST", "/api/v1/config/cameras", integrator, camera(url));
            assertEquals(400, r.statusCode(), url + ": " + r.body());
            assertEquals("url", json(r).get("details").get("field").asText(), url);
            assertFalse(r.body().contains(":pw@"), "credentials are not echoed");
        }
        assertEquals("password", json(send("POST", "/api/v1/config/cameras", integrator,
                camera("rtsp://10.20.1.5/x").replace("s3cret-pw", ""))).get("details").get("field").asText());
        assertEquals("lon", json(send("POST", "/api/v1/config/cameras", integrator,
                "{\"id\":\"c\",\"site\":\"yard\",\"url\":\"rtsp://10.20.1.5/x\",\"lat\":1}")).get("details").get("field")
                .asText());
        assertEquals(409, send("POST", "/api/v1/config/cameras", integrator,
                camera("rtsp://10.20.1.5/x").replace("\"yard\"", "\"dock\"")).statusCode(), "no such site");
    }

    @Test
    void withoutCameraNetworksTheApiAddsNoCamera() {
        CameraHostPolicy none = new CameraHostPolicy(CameraNetworks.parse(List.of()), host -> {
            throw new AssertionError("no lookup");
        });
        VigilException e = assertThrows(VigilException.class, () -> none.check("rtsp://10.20.1.5/x"));
        assertEquals(ErrorKind.FAILED_PRECONDITION, e.kind());
        assertTrue(e.getMessage().contains("api.cameraNetworks"));
        CameraHostPolicy v6 = new CameraHostPolicy(CameraNetworks.parse(List.of("fd00:cafe::/32")), host -> {
            throw new java.net.UnknownHostException(host);
        });
        v6.check("rtsp://[fd00:cafe::9]:554/x");
        assertThrows(FieldError.class, () -> v6.check("rtsp://[fd00:cafd::9]/x"));
    }
}
