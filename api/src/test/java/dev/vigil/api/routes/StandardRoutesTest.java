package dev.vigil.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.ApiFixture;
import dev.vigil.api.FakeNodeStatus;
import dev.vigil.core.access.AuditAction;
import dev.vigil.core.access.Role;
import dev.vigil.core.config.ApiLimitsConfig;
import io.prometheus.metrics.core.metrics.Counter;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The standard routes over HTTP: operations, cameras narrowed to a token's sites, tokens, audit. */
class StandardRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeNodeStatus status = new FakeNodeStatus();
    private final ApiFixture api = ApiFixture.standard(ApiLimitsConfig.defaults(), c -> Optional.empty(), status);

    @AfterEach
    void stop() {
        api.close();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void operationsNeedNoToken() throws Exception {
        HttpResponse<String> health = api.get("/healthz", null);
        assertEquals(200, health.statusCode());
        assertEquals("ok\n", health.body());
        HttpResponse<String> ready = api.get("/readyz", null);
        assertEquals(200, ready.statusCode());
        assertEquals(1, json(ready).get("cameras").get("playing").asInt());
        assertEquals(1, json(ready).get("cameras").get("byState").get("backing_off").asInt());
        status.readiness.put("kafka", "kafka: no answer within 2000 ms");
        HttpResponse<String> down = api.get("/readyz", null);
        assertEquals(503, down.statusCode());
        assertFalse(json(down).get("ready").asBoolean());
        assertEquals("kafka: no answer within 2000 ms", json(down).get("checks").get("kafka").asText());
        Counter.builder().name("vigil_test_events").help("test").register(api.registry).inc(3);
        HttpResponse<String> metrics = api.get("/metrics", null);
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertTrue(metrics.body().contains("vigil_test_events_total 3.0"), metrics.body());
        assertTrue(metrics.body().contains("vigil_http_request_duration_seconds_bucket{method=\"GET\",route=\"/readyz\","
                + "status=\"503\",le=\"0.001\"}") || metrics.body().contains("route=\"/readyz\",status=\"503\""),
                metrics.body());
    }

    @Test
    void camerasAreNarrowedToTheTokensSites() throws Exception {
        JsonNode all = json(api.get("/api/v1/health/cameras", api.token(Role.VIEWER, null)));
        assertEquals(2, all.get("cameras").size());
        JsonNode yard = json(api.get("/api/v1/health/cameras", api.token(Role.OPERATOR, "yard")));
        assertEquals(1, yard.get("cameras").size());
        assertEquals("yard-1", yard.get("cameras").get(0).get("camera").asText());
        assertEquals("1970-01-01T00:00:00Z", yard.get("cameras").get(0).get("since").asText());
        assertEquals(1, yard.get("playing").asInt());
    }

    @Test
    void adminsManageTokensAndEveryChangeIsAudited() throws Exception {
        String admin = api.token(Role.ADMIN, null);
        HttpResponse<String> created = api.send("POST", "/api/v1/tokens", admin, "application/json",
                "{\"role\":\"police\",\"sites\":[\"yard\"],\"name\":\"insp. Tran\"}");
        assertEquals(201, created.statusCode(), created.body());
        String secret = json(created).get("secret").asText();
        String id = json(created).get("token").get("id").asText();
        assertEquals("/api/v1/tokens/" + id, created.headers().firstValue("Location").orElse(""));
        assertEquals("police", json(api.get("/api/v1/me", secret)).get("role").asText());
        assertFalse(api.get("/api/v1/tokens", admin).body().contains(secret));
        HttpResponse<String> missingRole = api.send("POST", "/api/v1/tokens", admin, "application/json",
                "{\"name\":\"x\"}");
        assertEquals("role", json(missingRole).get("details").get("field").asText(), missingRole.body());
        HttpResponse<String> badSite = api.send("POST", "/api/v1/tokens", admin, "application/json",
                "{\"role\":\"viewer\",\"name\":\"x\",\"sites\":[\"ok\",\"no/pe\"]}");
        assertEquals("sites[1]", json(badSite).get("details").get("field").asText(), badSite.body());
        String scopedAdmin = api.token(Role.ADMIN, "yard");
        assertEquals(403, api.get("/api/v1/tokens", scopedAdmin).statusCode(), "a site-limited admin cannot escalate");

        assertEquals(200, api.send("DELETE", "/api/v1/tokens/" + id, admin, null, null).statusCode());
        assertEquals(401, api.get("/api/v1/me", secret).statusCode());
        assertEquals(404, api.send("DELETE", "/api/v1/tokens/t000000000000", admin, null, null).statusCode());

        var rows = api.audit.rows();
        assertEquals(2, rows.size());
        assertEquals(AuditAction.TOKEN_CREATE, rows.get(0).event().action());
        assertEquals(id, rows.get(0).event().target());
        assertEquals(AuditAction.TOKEN_REVOKE, rows.get(1).event().action());
        JsonNode page = json(api.get("/api/v1/audit?after=1&limit=5", admin));
        assertEquals(1, page.get("rows").size());
        assertEquals("token_revoke", page.get("rows").get(0).get("action").asText());
        assertTrue(page.get("next").isNull());
        assertTrue(json(api.get("/api/v1/audit/verify", admin)).get("intact").asBoolean());
    }
}
