package dev.vigil.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.port.CameraStatus;
import dev.vigil.core.port.NodeStatus;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRouterTest {
    private final Map<String, String> readiness = new HashMap<>(Map.of("catalog", "ok"));
    private final NodeStatus status = new NodeStatus() {
        @Override
        public List<CameraStatus> cameras() {
            return List.of(new CameraStatus("gate-1", "yard", "playing", Instant.EPOCH, Instant.EPOCH, 10, 1000, 5, 1,
                    500, 0, 0, null, null, null));
        }

        @Override
        public Map<String, String> readiness() {
            Map<String, String> m = new HashMap<>();
            readiness.forEach((k, v) -> m.put(k, v.equals("ok") ? null : v));
            return m;
        }
    };
    private final PrometheusRegistry registry = new PrometheusRegistry();

    private record Answer(int status, String type, String body) {}

    private Answer get(HttpMethod method, String uri) {
        EmbeddedChannel ch = new EmbeddedChannel(new ApiRouter(status, registry));
        ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri));
        FullHttpResponse r = ch.readOutbound();
        try {
            return new Answer(r.status().code(), r.headers().get("Content-Type"), r.content().toString(StandardCharsets.UTF_8));
        } finally {
            r.release();
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void healthz() {
        assertEquals(new Answer(200, "text/plain; charset=utf-8", "ok\n"), get(HttpMethod.GET, "/healthz"));
    }

    @Test
    void readyzIs503WhenADependencyIsDown() {
        Answer ok = get(HttpMethod.GET, "/readyz");
        assertEquals(200, ok.status());
        assertTrue(ok.body().contains("\"ready\":true"), ok.body());
        assertTrue(ok.body().contains("\"playing\":1"), ok.body());
        readiness.put("kafka", "kafka: no answer within 2000 ms");
        Answer down = get(HttpMethod.GET, "/readyz");
        assertEquals(503, down.status());
        assertTrue(down.body().contains("\"kafka\":\"kafka: no answer within 2000 ms\""), down.body());
    }

    @Test
    void metricsInTextFormat() {
        Counter.builder().name("vigil_test_events").help("test").register(registry).inc(3);
        Answer m = get(HttpMethod.GET, "/metrics");
        assertEquals(200, m.status());
        assertTrue(m.type().startsWith("text/plain"), m.type());
        assertTrue(m.body().contains("vigil_test_events_total 3.0"), m.body());
    }

    @Test
    void camerasAsJsonWithIsoTimes() {
        Answer c = get(HttpMethod.GET, "/api/v1/cameras?x=1");
        assertEquals(200, c.status());
        assertEquals("application/json", c.type());
        assertTrue(c.body().contains("\"camera\":\"gate-1\""), c.body());
        assertTrue(c.body().contains("\"since\":\"1970-01-01T00:00:00Z\""), c.body());
    }

    @Test
    void unknownRouteAndWrongMethodAreJsonErrors() {
        Answer notFound = get(HttpMethod.GET, "/../../etc/passwd");
        assertEquals(404, notFound.status());
        assertTrue(notFound.body().startsWith("{\"code\":\"not_found\""), notFound.body());
        Answer wrong = get(HttpMethod.DELETE, "/api/v1/cameras");
        assertEquals(405, wrong.status());
        assertTrue(wrong.body().contains("\"code\":\"method_not_allowed\""), wrong.body());
    }
}
