package dev.vigil.api.routes;

import dev.vigil.api.http.RouteGroup;
import dev.vigil.core.access.TokenIssuer;
import dev.vigil.core.port.AuditLog;
import dev.vigil.core.port.NodeStatus;
import dev.vigil.core.port.TokenStore;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;

/**
 * The route groups every node serves: {@link #of} operations, OpenAPI, cameras, tokens and the
 * audit log. The integrators' routes are {@link ConfigRoutes}.
 */
public final class StandardRoutes {
    private StandardRoutes() {}

    public static List<RouteGroup> of(NodeStatus status, PrometheusRegistry registry, TokenStore tokens,
            TokenIssuer issuer, AuditLog audit) {
        return List.of(new OperationsRoutes(status, registry), new OpenApiRoute(), new CameraRoutes(status),
                new TokenRoutes(tokens, issuer, audit), new AuditRoutes(audit));
    }
}
