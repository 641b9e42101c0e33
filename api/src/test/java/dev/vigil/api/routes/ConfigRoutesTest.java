package dev.vigil.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.ApiFixture;
import dev.vigil.api.FakeNodeStatus;
import dev.vigil.api.MemoryCameraDirectory;
import dev.vigil.api.http.RouteGroup;
import dev.vigil.core.access.Role;
import dev.vigil.core.config.ApiLimitsConfig;
import dev.vigil.core.model.ProbeReport;
import dev.vigil.core.model.SiteId;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The site and camera routes over HTTP on an in-memory directory: roles and site scopes, 422 with
 * every invalid field, credentials shown only to writers and never a password, versions with
 * {@code ETag}/{@code If-Match}, history, and the camera test.
 */
class ConfigRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOOR = """
            {"id": "door", "site": "yard", "url": "rtsp://10.0.0.5/main", "transport": "tcp",
             "credentials": {"user": "viewer", "passwordEnv": "DOOR_PASSWORD"},
             "analytics": {"detectors": ["motion"], "lines": [{"name": "middle", "points": [[0.5, 0], [0.5, 1]]}],
                           "rules": [{"id": "cross", "type": "line-crossing", "line": "middle"}]}}""";
    private final MemoryCameraDirectory directory = new MemoryCameraDirectory();
    private final List<String> probed = new CopyOnWriteArrayList<>();
    private final ApiFixture api = new ApiFixture(ApiLimitsConfig.defaults(),
            c -> directory.camera(c.value()).map(e -> SiteId.of(e.config().site())), f -> {
                List<RouteGroup> groups = new ArrayList<>(StandardRoutes.of(new FakeNodeStatus(), f.registry,
                        f.tokens, f.issuer, f.audit));
                groups.addAll(ConfigRoutes.of(directory, new FakeNodeStatus(), (camera, listen) -> {
                    probed.add(camera.id() + " " + listen.toSeconds());
                    return new ProbeReport(true, null, null, camera.url(), "tcp", "sim", "h264", "profile 66 level 3.0",
                            640, 360, 10, (int) listen.toSeconds(), 30, 3, 100_000, 266.7, 0, 0);
                }));
                return groups;
            });

    @AfterEach
    void stop() {
        api.close();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(String method, String path, String token, String body, String ifMatch)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.uri(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return api.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void integratorsCreateReadChangeAndDeleteWithVersions() throws Exception {
        String integrator = api.token(Role.INTEGRATOR, null);
        HttpResponse<String> site = send("POST", "/api/v1/sites", integrator,
                "{\"id\": \"yard\", \"name\": \"North yard\", \"timeZone\": \"Asia/Ho_Chi_Minh\"}", null);
        assertEquals(201, site.statusCode(), site.body());
        assertEquals("/api/v1/sites/yard", site.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> created = send("POST", "/api/v1/cameras", integrator, DOOR, null);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("\"1\"", created.headers().firstValue("ETag").orElseThrow());
        JsonNode camera = json(created).get("camera");
        assertEquals("DOOR_PASSWORD", camera.get("config").get("credentials").get("passwordEnv").asText());
        assertEquals("api", camera.get("origin").asText());
        assertEquals("not_running", camera.get("state").asText());
        assertEquals("[\"ingest started\"]", json(created).get("applied").get("restarted").get("door").toString());

        String changed = DOOR.replace("\"line\": \"middle\"}", "\"line\": \"middle\", \"allowed\": \"right-to-left\"}");
        HttpResponse<String> stale = send("PUT", "/api/v1/cameras/door", integrator, changed, "\"7\"");
        assertEquals(409, stale.statusCode(), stale.body());
        assertEquals("failed_precondition", json(stale).get("code").asText());
        assertEquals(400, send("PUT", "/api/v1/cameras/door", integrator, changed, "soon").statusCode());
        HttpResponse<String> put = send("PUT", "/api/v1/cameras/door", integrator, changed, "\"1\"");
        assertEquals(200, put.statusCode(), put.body());
        assertEquals("\"2\"", put.headers().firstValue("ETag").orElseThrow());
        JsonNode applied = json(put).get("applied");
        assertTrue(applied.get("changed").asBoolean());
        assertEquals("analytics.rules[cross].allowed", applied.get("version").get("changes").get(0).get("path").asText());
        HttpResponse<String> again = send("PUT", "/api/v1/cameras/door", integrator, changed, null);
        assertFalse(json(again).get("applied").get("changed").asBoolean(), "the same config makes no version");

        HttpResponse<String> analytics = api.get("/api/v1/cameras/door/analytics", integrator);
        assertEquals("right-to-left", json(analytics).get("rules").get(0).get("allowed").asText());
        String noRules = "{\"detectors\": [\"motion\"]}";
        HttpResponse<String> putAnalytics = send("PUT", "/api/v1/cameras/door/analytics", integrator, noRules, "\"2\"");
        assertEquals(200, putAnalytics.statusCode(), putAnalytics.body());
        assertEquals(0, json(putAnalytics).get("camera").get("config").get("analytics").get("rules").size());

        HttpResponse<String> history = api.get("/api/v1/cameras/door/history?limit=2", integrator);
        assertEquals(200, history.statusCode(), history.body());
        JsonNode versions = json(history).get("versions");
        assertEquals(2, versions.size());
        assertEquals(3, versions.get(0).get("version").asInt());
        assertEquals("test integrator", versions.get(0).get("author").get("actorName").asText());
        assertEquals(2, json(history).get("next").asInt());
        JsonNode older = json(api.get("/api/v1/cameras/door/history?before=2", integrator));
        assertEquals("create", older.get("versions").get(0).get("action").asText());
        assertTrue(older.get("next").isNull());

        HttpResponse<String> inUse = send("DELETE", "/api/v1/sites/yard", integrator, null, null);
        assertEquals(409, inUse.statusCode(), inUse.body());
        HttpResponse<String> deleted = send("DELETE", "/api/v1/cameras/door", integrator, null, null);
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals("door", json(deleted).get("deleted").asText());
        assertEquals(404, api.get("/api/v1/cameras/door", integrator).statusCode());
        assertEquals(4, json(api.get("/api/v1/cameras/door/history", integrator)).get("versions").size(),
                "a deleted camera's history stays");
        assertEquals(200, send("DELETE", "/api/v1/sites/yard", integrator, null, "\"1\"").statusCode());
    }

    @Test
    void invalidConfigsAre422NamingEveryFieldAndMalformedOnes400() throws Exception {
        String admin = api.token(Role.ADMIN, null);
        send("POST", "/api/v1/sites", admin, "{\"id\": \"yard\"}", null);
        String bad = DOOR.replace("rtsp://10.0.0.5/main", "http://10.0.0.5/main")
                .replace("\"line\": \"middle\"}", "\"line\": \"nowhere\"}");
        HttpResponse<String> invalid = send("POST", "/api/v1/cameras", admin, bad, null);
        assertEquals(422, invalid.statusCode(), invalid.body());
        JsonNode details = json(invalid).get("details");
        assertEquals("url", details.get("field").asText());
        List<String> fields = new ArrayList<>();
        details.get("problems").forEach(p -> fields.add(p.get("field").asText()));
        assertEquals(List.of("url", "analytics.rules[cross].line"), fields, invalid.body());
        assertEquals("invalid_argument", json(invalid).get("code").asText());

        HttpResponse<String> password = send("POST", "/api/v1/cameras", admin, DOOR.replace("\"passwordEnv\"",
                "\"password\": \"s3cret\", \"passwordEnv\""), null);
        assertEquals(400, password.statusCode(), password.body());
        assertEquals("credentials.password", json(password).get("details").get("field").asText());
        assertFalse(password.body().contains("s3cret"), "a password is never echoed");

        HttpResponse<String> renamed = send("PUT", "/api/v1/cameras/door", admin, DOOR.replace("\"door\"", "\"gate\""),
                null);
        assertEquals(400, renamed.statusCode(), renamed.body());
        assertEquals("id", json(renamed).get("details").get("field").asText());
        HttpResponse<String> badZone = send("POST", "/api/v1/sites", admin,
                "{\"id\": \"quay\", \"timeZone\": \"Mars/Olympus\"}", null);
        assertEquals(422, badZone.statusCode());
        assertEquals("timeZone", json(badZone).get("details").get("field").asText());
    }

    @Test
    void rolesAndSiteScopes() throws Exception {
        String admin = api.token(Role.ADMIN, null);
        send("POST", "/api/v1/sites", admin, "{\"id\": \"yard\"}", null);
        send("POST", "/api/v1/sites", admin, "{\"id\": \"gate\"}", null);
        assertEquals(201, send("POST", "/api/v1/cameras", admin, DOOR, null).statusCode());

        String viewer = api.token(Role.VIEWER, null);
        JsonNode seen = json(api.get("/api/v1/cameras/door", viewer));
        assertTrue(seen.get("config").get("credentials") == null || seen.get("config").get("credentials").isNull(),
                "readers do not see credentials: " + seen);
        assertEquals(403, send("PUT", "/api/v1/cameras/door/analytics", viewer, "{}", null).statusCode());
        assertEquals(403, send("POST", "/api/v1/cameras/door/test", viewer, null, null).statusCode());
        assertEquals(403, api.get("/api/v1/cameras/door/history", api.token(Role.OPERATOR, null)).statusCode());

        String gateOnly = api.token(Role.INTEGRATOR, "gate");
        assertEquals(403, api.get("/api/v1/cameras/door", gateOnly).statusCode());
        assertEquals("[]", json(api.get("/api/v1/cameras", gateOnly)).get("cameras").toString());
        assertEquals(1, json(api.get("/api/v1/sites", gateOnly)).get("sites").size());
        HttpResponse<String> elsewhere = send("POST", "/api/v1/cameras", gateOnly,
                DOOR.replace("\"door\"", "\"cam-2\""), null);
        assertEquals(403, elsewhere.statusCode(), "a camera at another site: " + elsewhere.body());
        HttpResponse<String> own = send("POST", "/api/v1/cameras", gateOnly,
                DOOR.replace("\"door\"", "\"cam-2\"").replace("\"yard\"", "\"gate\""), null);
        assertEquals(201, own.statusCode(), own.body());
        HttpResponse<String> move = send("PUT", "/api/v1/cameras/cam-2", gateOnly,
                DOOR.replace("\"door\"", "\"cam-2\""), null);
        assertEquals(403, move.statusCode(), "moved to a site it does not have: " + move.body());
        assertEquals(403, send("POST", "/api/v1/sites", gateOnly, "{\"id\": \"new\"}", null).statusCode());
        assertEquals(403, send("DELETE", "/api/v1/sites/gate", gateOnly, null, null).statusCode());
    }

    @Test
    void theTestRouteRunsTheProbeOnTheStoredCamera() throws Exception {
        String integrator = api.token(Role.INTEGRATOR, null);
        send("POST", "/api/v1/sites", integrator, "{\"id\": \"yard\"}", null);
        send("POST", "/api/v1/cameras", integrator, DOOR, null);
        HttpResponse<String> tested = send("POST", "/api/v1/cameras/door/test?seconds=2", integrator, null, null);
        assertEquals(200, tested.statusCode(), tested.body());
        assertTrue(json(tested).get("ok").asBoolean());
        assertEquals(640, json(tested).get("width").asInt());
        assertEquals(List.of("door 2"), probed);
        assertEquals(400, send("POST", "/api/v1/cameras/door/test?seconds=11", integrator, null, null).statusCode());
        assertEquals(404, send("POST", "/api/v1/cameras/nope/test", integrator, null, null).statusCode());
        assertEquals(List.of("door 2"), probed, "nothing probed for a refused request");
    }
}
