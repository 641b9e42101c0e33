package dev.vigil.app;

import dev.vigil.api.auth.CameraSites;
import dev.vigil.api.auth.TokenAuthenticator;
import dev.vigil.api.http.ApiServer;
import dev.vigil.api.http.RouteGroup;
import dev.vigil.api.http.RouteTable;
import dev.vigil.api.routes.ConfigRoutes;
import dev.vigil.api.routes.StandardRoutes;
import dev.vigil.app.alerts.OperatorWiring;
import dev.vigil.app.config.ConfigEditor;
import dev.vigil.app.config.CurrentConfig;
import dev.vigil.app.config.LiveCameras;
import dev.vigil.app.police.PoliceWiring;
import dev.vigil.app.probe.StreamProbe;
import dev.vigil.core.access.IssuedToken;
import dev.vigil.core.access.TokenIssuer;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.net.CameraNetworks;
import dev.vigil.core.port.AuditLog;
import dev.vigil.core.port.CameraDirectory;
import dev.vigil.core.port.ConfigStore;
import dev.vigil.core.port.NodeStatus;
import dev.vigil.core.port.TokenStore;
import dev.vigil.storage.catalog.AuditRepository;
import dev.vigil.storage.catalog.Catalog;
import dev.vigil.storage.catalog.TokenRepository;
import dev.vigil.storage.object.ObjectStore;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A node's HTTP API: the catalog's tokens and audit log, and the routes of every kind of user,
 * each group wired from the node's parts: operations and tokens ({@link StandardRoutes}),
 * integrators ({@link ConfigRoutes} over a {@link ConfigEditor} that applies changes through
 * {@link LiveCameras}), police ({@link PoliceWiring}) and operators ({@link OperatorWiring}).
 * A camera's site, for the tokens' site limits, is the one it runs with now.
 *
 * <p>{@link #close()} ends the alert streams first, then the server, then the playback readers and
 * export workers.
 */
public final class ApiWiring implements AutoCloseable {
    private final TokenStore tokens;
    private final AuditLog audit;
    private final TokenIssuer issuer;
    private final ConfigEditor directory;
    private final PoliceWiring police;
    private final OperatorWiring operators;
    private final ApiServer server;

    private ApiWiring(TokenStore tokens, AuditLog audit, TokenIssuer issuer, ConfigEditor directory,
            PoliceWiring police, OperatorWiring operators, ApiServer server) {
        this.tokens = tokens;
        this.audit = audit;
        this.issuer = issuer;
        this.directory = directory;
        this.police = police;
        this.operators = operators;
        this.server = server;
    }

    /**
     * The node's parts the routes use.
     *
     * @param live the running cameras' applier, made after the API's parts (hence a supplier)
     */
    public record Parts(Catalog catalog, ObjectStore objectStore, PrometheusRegistry registry, NodeStatus status,
            ConfigStore configStore, CurrentConfig current, CameraNetworks networks, Supplier<LiveCameras> live) {}

    /**
     * Starts the API. {@code VIGIL_BOOTSTRAP_TOKEN}, when set in {@code env}, is stored as an admin
     * token first (see {@link TokenIssuer#bootstrap}). All or nothing: what started is closed when
     * a later part fails.
     */
    public static ApiWiring start(VigilConfig config, Map<String, String> env, Parts parts) {
        Catalog catalog = parts.catalog();
        CurrentConfig current = parts.current();
        TokenStore tokens = new TokenRepository(catalog.dataSource());
        AuditLog audit = new AuditRepository(catalog.dataSource());
        TokenIssuer issuer = new TokenIssuer(tokens, new SecureRandom(), Clock.systemUTC());
        issuer.bootstrap(env.get("VIGIL_BOOTSTRAP_TOKEN"), false);
        ConfigEditor directory = new ConfigEditor(parts.configStore(), current, parts.live(), parts.networks(),
                CameraNetworks.Resolver.SYSTEM, env, parts.registry(), Clock.systemUTC());
        StreamProbe probe = new StreamProbe(config.ingest(), env, Duration.ofMillis(config.ingest().connectTimeoutMs())
                .plusSeconds(5), parts.networks(), c -> current.camera(c.id()).map(CurrentConfig::restricted)
                .orElse(true));
        List<RouteGroup> groups = new ArrayList<>(StandardRoutes.of(parts.status(), parts.registry(), tokens, issuer,
                audit));
        groups.addAll(ConfigRoutes.of(directory, parts.status(), probe));
        CameraSites sites = camera -> Optional.ofNullable(current.siteOf(camera.value())).map(SiteId::of);
        PoliceWiring police = PoliceWiring.start(config, Path.of(config.node().dataDir()).toAbsolutePath(), catalog,
                parts.objectStore(), id -> current.camera(id.value()).map(e -> e.config().name()).orElse(null), audit,
                sites, Clock.systemUTC());
        OperatorWiring operators = null;
        try {
            groups.addAll(police.routes());
            operators = OperatorWiring.start(config, catalog.dataSource(), parts.objectStore(), audit);
            groups.addAll(operators.routes());
            ApiServer server = ApiServer.start(config.api(), RouteTable.of(groups), new TokenAuthenticator(tokens),
                    sites, parts.registry(), Clock.systemUTC());
            return new ApiWiring(tokens, audit, issuer, directory, police, operators, server);
        } catch (RuntimeException | Error e) {
            if (operators != null) {
                operators.close();
            }
            police.close();
            throw e;
        }
    }

    /**
     * Makes the first admin token if the catalog has no unrevoked admin token yet, for
     * {@code ./vigil demo} to print once.
     *
     * @return the token and its secret, or empty when an admin token exists
     */
    public Optional<IssuedToken> issueFirstAdminToken() {
        return issuer.bootstrap(null, true);
    }

    /** The port the server listens on. */
    public int port() {
        return server.port();
    }

    /** Every route the server answers. */
    public RouteTable routes() {
        return server.routes();
    }

    /** The catalog's API tokens. */
    public TokenStore tokens() {
        return tokens;
    }

    /** The catalog's audit log. */
    public AuditLog audit() {
        return audit;
    }

    /** The sites and cameras as the API manages them. */
    public CameraDirectory directory() {
        return directory;
    }

    /** Search, playback and export jobs. */
    public PoliceWiring police() {
        return police;
    }

    /** The operators' alert routes and their live stream. */
    public OperatorWiring operators() {
        return operators;
    }

    @Override
    public void close() {
        operators.close(); // alert streams end cleanly before the server stops
        server.close();
        police.close();
    }

    @Override
    public String toString() {
        return "ApiWiring[port " + server.port() + "]";
    }
}
