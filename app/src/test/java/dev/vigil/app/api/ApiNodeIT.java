package dev.vigil.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.auth.Access;
import dev.vigil.api.auth.SiteRule;
import dev.vigil.api.http.Route;
import dev.vigil.api.routes.OpenApiCheck;
import dev.vigil.api.routes.OpenApiRoute;
import dev.vigil.app.VigilNode;
import dev.vigil.core.access.Role;
import dev.vigil.core.config.ConfigLoader;
import dev.vigil.core.config.VigilConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API of a running node on the embedded services (S3 server, Kafka broker, H2 catalog,
 * simulated cameras over RTSP), called over HTTP: the authorization matrix of every role against
 * every route the node serves (taken from its route table, so new routes are covered), tokens made
 * and revoked through the API, the audit log and its tamper check, operations routes, and the
 * OpenAPI document against the node's routes.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiNodeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOOTSTRAP = "it-bootstrap-0123456789abcdef0123456789abcdef";
    /** What a path parameter is filled with: a camera and a site that exist, ids that do not. */
    private static final Map<String, String> SAMPLES = Map.of("id", "sim-1", "camera", "sim-1", "site", "sim",
            "cameraId", "sim-1", "siteId", "sim");
    @TempDir
    static Path dataDir;
    private static VigilNode node;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VIGIL_OBJECT_STORE_EMBEDDED_PORT", "0");
        env.put("VIGIL_KAFKA_EMBEDDED_PORT", "0");
        env.put("VIGIL_KAFKA_EMBEDDED_CONTROLLER_PORT", "0");
        env.put("VIGIL_SIMULATOR_PORT", "0");
        env.put("VIGIL_API_PORT", "0");
        env.put("VIGIL_NODE_DATA_DIR", dataDir.toString());
        env.put("VIGIL_BOOTSTRAP_TOKEN", BOOTSTRAP);
        VigilConfig config = new ConfigLoader(env).loadYaml("api:\n  cameraNetworks: [127.0.0.0/8]\n", "ApiNodeIT");
        config = config.withSimulator(config.simulator().withEnabled(true));
        node = VigilNode.start(config, env);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static String base() {
        return "http://127.0.0.1:" + node.api().port();
    }

    private static HttpResponse<String> call(String method, String path, String token, String reason, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (reason != null) {
            b.header("X-Vigil-Reason", reason);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The status of a call; a stream (Server-Sent Events) is closed once its headers arrived, so the
     * node's stream ends at its next check of the connection (within a second).
     */
    private static int status(String method, String path, String token, String reason, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (reason != null) {
            b.header("X-Vigil-Reason", reason);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<java.io.InputStream> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream in = r.body()) {
            if (!r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
                in.readAllBytes();
            }
        }
        if (r.statusCode() == 503 && path.endsWith("/alerts/stream")) { // the node's alert streams are all taken: wait for the closed ones to end
            Thread.sleep(1500);
            return status(method, path, token, reason, body);
        }
        return r.statusCode();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    /** A token made through the API by the bootstrap admin. */
    private static String create(Role role, List<String> sites) throws Exception {
        String body = JSON.writeValueAsString(Map.of("role", role.label(), "sites", sites, "name", "it " + role));
        HttpResponse<String> r = call("POST", "/api/v1/tokens", BOOTSTRAP, null, body);
        assertEquals(201, r.statusCode(), r.body());
        return json(r).get("secret").asText();
    }

    private static String path(Route route) {
        String p = route.template().text();
        for (String param : route.template().params()) {
            p = p.replace("{" + param + "}", SAMPLES.getOrDefault(param, "t000000000000"));
        }
        return p;
    }

    @Test
    @Order(1)
    void everyRoleAgainstEveryRoute() throws Exception {
        Map<Role, String> unscoped = new EnumMap<>(Role.class);
        Map<Role, String> elsewhere = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            unscoped.put(role, create(role, List.of()));
            elsewhere.put(role, create(role, List.of("elsewhere")));
        }
        List<String> failures = new ArrayList<>();
        int checks = 0;
        for (Route route : node.api().routes().routes()) {
            Access access = route.access();
            String method = route.method().name();
            String path = path(route);
            String body = Set.of("POST", "PUT", "PATCH").contains(method) ? "{}" : null;
            int anonymous = status(method, path, null, null, body);
            checks++;
            if (access.anonymous() ? anonymous == 401 || anonymous == 403 : anonymous != 401) {
                failures.add(route + " anonymous: " + anonymous);
            }
            if (access.anonymous()) {
                continue;
            }
            for (Role role : Role.values()) {
                String reason = access.reasonRequired().contains(role) ? "matrix test" : null;
                int full = status(method, path, unscoped.get(role), reason, body);
                int scoped = status(method, path, elsewhere.get(role), reason, body);
                checks += 2;
                boolean admitted = access.admits(role);
                boolean scopedAdmitted = admitted && (access.siteRule() instanceof SiteRule.None
                        || access.siteRule() instanceof SiteRule.Filtered);
                if (admitted ? full == 401 || full == 403 : full != 403) {
                    failures.add(route + " " + role + ": " + full + (admitted ? " (should be admitted)" : " (should be 403)"));
                }
                if (scopedAdmitted ? scoped == 401 || scoped == 403 : scoped != 403) {
                    failures.add(route + " " + role + " limited to another site: " + scoped);
                }
                if (reason != null) {
                    HttpResponse<String> noReason = call(method, path, unscoped.get(role), null, body);
                    checks++;
                    if (noReason.statusCode() != 400 || !noReason.body().contains("X-Vigil-Reason")) {
                        failures.add(route + " " + role + " without a reason: " + noReason.statusCode());
                    }
                }
            }
        }
        assertEquals(List.of(), failures, String.join("\n", failures));
        assertTrue(checks >= 90, "checked " + checks);
    }

    @Test
    @Order(2)
    void tokensAreMadeUsedAndRevokedThroughTheApi() throws Exception {
        String viewer = create(Role.VIEWER, List.of("sim"));
        HttpResponse<String> me = call("GET", "/api/v1/me", viewer, null, null);
        assertEquals(200, me.statusCode());
        assertEquals("viewer", json(me).get("role").asText());
        assertEquals("[\"sim\"]", json(me).get("sites").toString());
        HttpResponse<String> cameras = call("GET", "/api/v1/cameras", viewer, null, null);
        assertTrue(cameras.body().contains("\"camera\":\"sim-1\"") && cameras.body().contains("\"camera\":\"sim-2\""),
                cameras.body());
        String elsewhere = create(Role.VIEWER, List.of("elsewhere"));
        assertEquals("[]", json(call("GET", "/api/v1/cameras", elsewhere, null, null)).get("cameras").toString());

        HttpResponse<String> list = call("GET", "/api/v1/tokens", BOOTSTRAP, null, null);
        assertFalse(list.body().contains(viewer), "no secret is ever listed");
        String id = json(me).get("tokenId").asText();
        HttpResponse<String> revoked = call("DELETE", "/api/v1/tokens/" + id, BOOTSTRAP, null, null);
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertFalse(json(revoked).get("revokedAt").isNull());
        assertEquals(401, call("GET", "/api/v1/me", viewer, null, null).statusCode(), "revoked at once");
    }

    @Test
    @Order(3)
    void operationsRoutesAndTheDocument() throws Exception {
        assertEquals("ok\n", call("GET", "/healthz", null, null, null).body());
        JsonNode ready = json(call("GET", "/readyz", null, null, null));
        assertEquals(Set.of("catalog", "objectStore", "kafka"), Set.copyOf(iterate(ready.get("checks").fieldNames())));
        assertEquals(2, ready.get("cameras").get("total").asInt());
        HttpResponse<String> health = call("GET", "/api/v1/health/cameras", BOOTSTRAP, null, null);
        assertEquals(2, json(health).get("cameras").size(), health.body());
        String metrics = call("GET", "/metrics", null, null, null).body();
        assertTrue(metrics.contains("vigil_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/me\","
                + "status=\"200\"}"), metrics);
        assertTrue(metrics.contains("vigil_camera_up{camera=\"sim-1\",site=\"sim\",stream=\"main\"}"),
                "ingest metrics too");
        List<String> drift = OpenApiCheck.problems(node.api().routes(), OpenApiRoute.load());
        assertEquals(List.of(), drift, "every route the node serves is documented:\n" + String.join("\n", drift));
    }

    @Test
    @Order(5)
    void theAuditLogRecordsTokenChangesAndShowsTampering() throws Exception {
        HttpResponse<String> page = call("GET", "/api/v1/audit?limit=1000", BOOTSTRAP, null, null);
        assertEquals(200, page.statusCode(), page.body());
        JsonNode rows = json(page).get("rows");
        assertTrue(rows.size() >= 13, "10 matrix tokens + 2 + 1 revocation: " + rows.size());
        assertEquals("token_create", rows.get(0).get("action").asText());
        assertTrue(page.body().contains("\"action\":\"token_revoke\""));
        JsonNode intact = json(call("GET", "/api/v1/audit/verify", BOOTSTRAP, null, null));
        assertTrue(intact.get("intact").asBoolean(), intact.toString());

        try (Connection c = node.catalog().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 2");
        }
        JsonNode broken = json(call("GET", "/api/v1/audit/verify", BOOTSTRAP, null, null));
        assertFalse(broken.get("intact").asBoolean());
        assertEquals(2, broken.get("firstBrokenSeq").asInt(), broken.toString());
    }

    private static List<String> iterate(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
