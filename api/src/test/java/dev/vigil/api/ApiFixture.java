package dev.vigil.api;

import dev.vigil.api.auth.CameraSites;
import dev.vigil.api.auth.TokenAuthenticator;
import dev.vigil.api.http.ApiServer;
import dev.vigil.api.http.RouteGroup;
import dev.vigil.api.http.RouteTable;
import dev.vigil.core.access.IssuedToken;
import dev.vigil.core.access.Role;
import dev.vigil.core.access.SiteScope;
import dev.vigil.core.access.TokenIssuer;
import dev.vigil.core.config.ApiConfig;
import dev.vigil.core.config.ApiLimitsConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import dev.vigil.api.routes.ConfigRoutes;
import dev.vigil.api.routes.StandardRoutes;
import dev.vigil.core.port.NodeStatus;

/**
 * A real {@link ApiServer} on a free loopback port with in-memory tokens and audit log, and a
 * {@link HttpClient} to call it: for the api module's tests.
 */
public final class ApiFixture implements AutoCloseable {
    public final MemoryTokenStore tokens = new MemoryTokenStore();
    public final MemoryAuditLog audit = new MemoryAuditLog();
    public final TokenIssuer issuer = new TokenIssuer(tokens, new SecureRandom(), Clock.systemUTC());
    public final PrometheusRegistry registry = new PrometheusRegistry();
    public final MemoryCameraDirectory directory = new MemoryCameraDirectory();
    public final ApiServer server;
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ApiFixture(ApiLimitsConfig limits, CameraSites sites, List<RouteGroup> groups) {
        this(limits, sites, f -> groups);
    }

    /** @param groups the routes, made from this fixture's stores */
    public ApiFixture(ApiLimitsConfig limits, CameraSites sites, Function<ApiFixture, List<RouteGroup>> groups) {
        server = ApiServer.start(new ApiConfig("127.0.0.1", 0, limits), RouteTable.of(groups.apply(this)),
                new TokenAuthenticator(tokens), sites, registry, Clock.systemUTC());
    }

    /** A server with every standard route and the config routes over {@code status} and this fixture's stores. */
    public static ApiFixture standard(ApiLimitsConfig limits, CameraSites sites, NodeStatus status) {
        return standard(limits, sites, status, f -> List.of());
    }

    /** {@link #standard(ApiLimitsConfig, CameraSites, NodeStatus)} with {@code more} routes made from the fixture. */
    public static ApiFixture standard(ApiLimitsConfig limits, CameraSites sites, NodeStatus status,
            Function<ApiFixture, List<RouteGroup>> more) {
        return new ApiFixture(limits, sites, f -> {
            List<RouteGroup> groups = new java.util.ArrayList<>(StandardRoutes.of(status, f.registry, f.tokens,
                    f.issuer, f.audit));
            groups.addAll(ConfigRoutes.of(f.directory, status, (camera, listen) -> null));
            groups.addAll(more.apply(f));
            return groups;
        });
    }

    /** A new token's secret. */
    public String token(Role role, String sites) {
        IssuedToken t = issuer.issue(role, SiteScope.parse(sites), "test " + role, "test");
        return t.secret();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    public HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(String method, String path, String token, String contentType, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
    }
}
