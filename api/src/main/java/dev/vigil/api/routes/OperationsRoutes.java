package dev.vigil.api.routes;

import dev.vigil.api.auth.Access;
import dev.vigil.api.http.ApiResponse;
import dev.vigil.api.http.Route;
import dev.vigil.api.http.RouteGroup;
import dev.vigil.core.port.CameraStatus;
import dev.vigil.core.port.NodeStatus;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The operational routes, open to anyone who can reach the port (orchestrators and Prometheus
 * call them without a token; they carry no recordings, credentials or tokens):
 * {@code GET /healthz} (the process is alive), {@code GET /readyz} (200 when every dependency
 * check of {@link NodeStatus#readiness()} passes, else 503; cameras summarized) and
 * {@code GET /metrics} (Prometheus text format of the node's registry).
 */
public final class OperationsRoutes implements RouteGroup {
    private final NodeStatus status;
    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter metricsWriter = PrometheusTextFormatWriter.create();

    public OperationsRoutes(NodeStatus status, PrometheusRegistry registry) {
        this.status = Objects.requireNonNull(status, "status");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/healthz", Access.open(), r -> ApiResponse.text("text/plain; charset=utf-8", "ok\n")),
                Route.get("/readyz", Access.open(), r -> readiness()),
                Route.get("/metrics", Access.open(), r -> metrics()));
    }

    /** The {@code /readyz} body. */
    record Readiness(boolean ready, Map<String, String> checks, CameraSummary cameras) {}

    /** How many cameras there are and in which states. */
    record CameraSummary(int total, long playing, Map<String, Long> byState) {}

    private ApiResponse readiness() {
        Map<String, String> checks = new TreeMap<>();
        boolean ready = true;
        for (Map.Entry<String, String> e : new TreeMap<>(status.readiness()).entrySet()) {
            checks.put(e.getKey(), e.getValue() == null ? "ok" : e.getValue());
            ready &= e.getValue() == null;
        }
        List<CameraStatus> cameras = status.cameras();
        Map<String, Long> byState = new TreeMap<>();
        cameras.forEach(c -> byState.merge(c.state(), 1L, Long::sum));
        CameraSummary summary = new CameraSummary(cameras.size(), byState.getOrDefault("playing", 0L),
                new LinkedHashMap<>(byState));
        return ApiResponse.json(ready ? 200 : 503, new Readiness(ready, checks, summary));
    }

    private ApiResponse metrics() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        metricsWriter.write(out, registry.scrape());
        return ApiResponse.bytes(metricsWriter.getContentType(), out.toByteArray());
    }
}
