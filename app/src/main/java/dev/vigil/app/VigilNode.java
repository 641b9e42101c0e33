package dev.vigil.app;

import dev.vigil.api.auth.CameraSites;
import dev.vigil.api.auth.TokenAuthenticator;
import dev.vigil.api.http.ApiServer;
import dev.vigil.api.http.RouteGroup;
import dev.vigil.api.routes.ConfigRoutes;
import dev.vigil.app.analytics.AnalyticsWiring;
import dev.vigil.app.config.ConfigEditor;
import dev.vigil.app.config.CurrentConfig;
import dev.vigil.app.config.LiveCameras;
import dev.vigil.app.config.StoredConfig;
import dev.vigil.app.probe.StreamProbe;
import dev.vigil.core.net.CameraNetworks;
import dev.vigil.core.port.CameraDirectory;
import dev.vigil.storage.catalog.ConfigRepository;
import dev.vigil.app.analytics.EventLog;
import dev.vigil.api.http.RouteGroup;
import dev.vigil.api.http.RouteTable;
import java.util.ArrayList;
import dev.vigil.app.police.PoliceWiring;
import dev.vigil.api.routes.StandardRoutes;
import dev.vigil.core.access.IssuedToken;
import dev.vigil.core.access.TokenIssuer;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.alert.CameraProfile;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.directory.SiteEntry;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.port.AuditLog;
import dev.vigil.core.port.TokenStore;
import dev.vigil.storage.catalog.AuditRepository;
import dev.vigil.storage.catalog.TokenRepository;
import java.security.SecureRandom;
import java.util.Optional;
import dev.vigil.app.alerts.AlertsWiring;
import dev.vigil.app.alerts.OperatorWiring;
import dev.vigil.app.alerts.ClipSource;
import dev.vigil.app.alerts.RecordedClips;
import dev.vigil.app.embedded.EmbeddedKafka;
import dev.vigil.core.port.CameraEventListener;
import dev.vigil.app.embedded.EmbeddedS3;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.ingest.metrics.GatewayMetrics;
import dev.vigil.app.record.RecordingWiring;
import dev.vigil.core.config.RecordingConfig;
import dev.vigil.core.port.AnalyticsEventSink;
import dev.vigil.storage.catalog.Catalog;
import dev.vigil.storage.catalog.ClipRepository;
import dev.vigil.storage.catalog.RecordingRepository;
import dev.vigil.storage.catalog.RetentionRepository;
import dev.vigil.storage.record.CatalogIndex;
import dev.vigil.storage.record.Spool;
import dev.vigil.storage.retention.RetentionMetrics;
import dev.vigil.storage.retention.RetentionPolicy;
import dev.vigil.storage.retention.RetentionWorker;
import dev.vigil.storage.object.MinioObjectStore;
import dev.vigil.storage.object.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Vigil node, wired from one {@link VigilConfig}: the object store, Kafka and the
 * catalog (embedded ones started where no endpoint is configured, reached through the same
 * clients as production ones), the simulated cameras when enabled, and the RTSP gateway.
 *
 * <p>Start-up is all or nothing: if a part fails to start, the parts started before it are closed
 * in reverse order and the error is thrown. {@link #close()} stops everything in reverse order and
 * may be called more than once.
 */
public final class VigilNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VigilNode.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private final VigilConfig config;
    private ObjectStore objectStore;
    private KafkaTopics kafka;
    private Catalog catalog;
    private IngestWiring ingest;
    private PrometheusRegistry registry;
    private boolean closed;
    private SystemAlarms alarms;
    private RecordingWiring recording;
    private AnalyticsWiring analytics;
    private AlertsWiring alerts;
    /** The cameras' own events: ingest starts before the alerts, which take them from then on. */
    private final CameraEventRelay cameraEvents = new CameraEventRelay();
    /** Sinks added by tests and embedding code before start, told of every analytics event too. */
    private final List<AnalyticsEventSink> extraSinks;
    private ApiServer api;
    private PoliceWiring police;
    private OperatorWiring operators;
    private TokenStore tokens;
    private AuditLog audit;
    private TokenIssuer issuer;
    private ConfigRepository configStore;
    private CameraNetworks networks;
    private CurrentConfig current;
    private LiveCameras live;
    private ConfigEditor directory;
    static final Duration RETENTION_PERIOD = Duration.ofMinutes(10);

    private VigilNode(VigilConfig config, List<AnalyticsEventSink> extraSinks) {
        this.config = config;
        this.extraSinks = List.copyOf(extraSinks);
    }

    /** Starts every part of the node; see the class comment for failure handling. */
    public static VigilNode start(VigilConfig config, Map<String, String> env) {
        return start(config, env, List.of());
    }

    /**
     * Like {@link #start(VigilConfig, Map)}, with more sinks of analytics events (tests, embedding
     * code); each is called on a decode thread and must be fast and thread-safe.
     */
    public static VigilNode start(VigilConfig config, Map<String, String> env, List<AnalyticsEventSink> sinks) {
        VigilNode node = new VigilNode(config, sinks);
        try {
            node.startAll(env);
            return node;
        } catch (RuntimeException | Error e) {
            node.close();
            throw e;
        }
    }

    private void startAll(Map<String, String> env) {
        Path dataDir = Path.of(config.node().dataDir()).toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new VigilException(ErrorKind.FAILED_PRECONDITION, "node.dataDir: cannot create " + dataDir
                    + ": " + e.getMessage(), e);
        }
        endpoints.put("data", dataDir.toString());

        String s3Endpoint;
        String s3Secret;
        if (config.objectStore().usesEmbedded()) {
            EmbeddedS3 s3 = track(timed("embedded S3", () -> EmbeddedS3.start(config.objectStore(), dataDir, env)));
            s3Endpoint = s3.endpoint();
            s3Secret = s3.secretKey();
            endpoints.put("s3 (embedded)", s3Endpoint + "  access key " + s3.accessKey()
                    + ", secret key in " + dataDir.resolve("s3").resolve("secret-key")
                    + " unless $" + config.objectStore().secretKeyEnv() + " is set");
        } else {
            s3Endpoint = config.objectStore().endpoint();
            s3Secret = env.get(config.objectStore().secretKeyEnv());
            if (s3Secret == null) {
                throw new VigilException(ErrorKind.FAILED_PRECONDITION, "objectStore.secretKeyEnv: $"
                        + config.objectStore().secretKeyEnv() + " is not set");
            }
            endpoints.put("s3", s3Endpoint);
        }
        objectStore = track(MinioObjectStore.create(config.objectStore(), s3Endpoint, s3Secret));
        timed("buckets", () -> {
            for (String bucket : List.of(config.objectStore().segmentsBucket(), config.objectStore().clipsBucket(),
                    config.objectStore().snapshotsBucket(), config.objectStore().exportsBucket())) {
                objectStore.ensureBucket(bucket);
            }
            return null;
        });

        String bootstrap;
        if (config.kafka().usesEmbedded()) {
            EmbeddedKafka broker = track(timed("embedded Kafka", () -> EmbeddedKafka.start(config.kafka(), dataDir)));
            bootstrap = broker.bootstrapServers();
            endpoints.put("kafka (embedded)", bootstrap);
        } else {
            bootstrap = config.kafka().bootstrapServers();
            endpoints.put("kafka", bootstrap);
        }
        kafka = track(timed("kafka topics", () -> KafkaTopics.connect(config.kafka(), bootstrap)));

        catalog = track(timed("catalog", () -> Catalog.open(config.catalog(), dataDir, env)));
        endpoints.put("catalog", catalog.database() + " schema v" + catalog.schemaVersion());

        configStore = new ConfigRepository(catalog.dataSource());
        StoredConfig stored = timed("config", () -> StoredConfig.load(configStore, config, env, Clock.systemUTC()));
        networks = CameraNetworks.parse(config.api().cameraNetworks());
        Map<String, Boolean> restricted = new java.util.HashMap<>();
        stored.cameras().forEach(e -> restricted.put(e.id(), CurrentConfig.restricted(e)));
        ingest = track(timed("ingest", () -> IngestWiring.start(stored.applyTo(config), env, cameraEvents,
                id -> restricted.getOrDefault(id.value(), false) ? networks : null)));
        endpoints.putAll(ingest.endpoints());
        current = new CurrentConfig(stored.sites(), stored.cameras(), ingest.simulatedCameras());

        registry = new PrometheusRegistry();
        alarms = new SystemAlarms(Clock.systemUTC());
        recording = track(timed("recording", () -> startRecording(dataDir)));
        track(timed("retention", this::startRetention));
        if (config.alerts().enabled()) {
            alerts = track(timed("alerts", () -> startAlerts(bootstrap)));
            endpoints.put("alerts", "kafka topic " + config.kafka().alertsTopic() + " (DLQ " + config.kafka().dlqTopic()
                    + ", acknowledgements from " + config.kafka().acksTopic() + ")");
        }
        analytics = track(timed("analytics", this::startAnalytics));
        live = new LiveCameras(ingest, recording, analytics, networks, this::cameraApplied);

        Map<String, Supplier<String>> checks = new LinkedHashMap<>();
        checks.put("catalog", () -> catalog.ping().problem());
        checks.put("objectStore", () -> {
            objectStore.list(config.objectStore().segmentsBucket(), "", 1);
            return null;
        });
        checks.put("kafka", () -> kafka.ping(Duration.ofSeconds(2)));
        NodeStatusView status = track(new NodeStatusView(ingest.gateway(), current::siteOf, checks));
        JvmMetrics.builder().register(registry);
        registry.register(new GatewayMetrics(Map.of("main", () -> ingest.gateway().health().values(), "detect",
                () -> ingest.detectStreamHealth().values()), status::siteOf,
                Clock.systemUTC()));
        registry.register(ingest.onvifEvents());
        api = track(timed("api", () -> startApi(status, env)));
        track(operators); // closed before the API: alert streams end cleanly
        endpoints.put("api", "http://" + config.api().bind() + ":" + api.port()
                + "  (/healthz, /readyz, /metrics; /api/v1/... with a bearer token; /api/v1/openapi.json)");
    }

    /**
     * The API on the catalog's tokens and audit log. {@code VIGIL_BOOTSTRAP_TOKEN}, when set, is
     * stored as an admin token first (see {@link TokenIssuer#bootstrap}).
     */
    private ApiServer startApi(NodeStatusView status, Map<String, String> env) {
        tokens = new TokenRepository(catalog.dataSource());
        audit = new AuditRepository(catalog.dataSource());
        issuer = new TokenIssuer(tokens, new SecureRandom(), Clock.systemUTC());
        issuer.bootstrap(env.get("VIGIL_BOOTSTRAP_TOKEN"), false);
        directory = new ConfigEditor(configStore, current, () -> live, networks, CameraNetworks.Resolver.SYSTEM, env,
                registry, Clock.systemUTC());
        StreamProbe probe = new StreamProbe(config.ingest(), env, Duration.ofMillis(config.ingest().connectTimeoutMs())
                .plusSeconds(5), networks, c -> current.camera(c.id()).map(CurrentConfig::restricted).orElse(true));
        List<RouteGroup> groups = new ArrayList<>(StandardRoutes.of(status, registry, tokens, issuer, audit));
        groups.addAll(ConfigRoutes.of(directory, status, probe));
        CameraSites sites = camera -> Optional.ofNullable(current.siteOf(camera.value())).map(SiteId::of);
        police = track(PoliceWiring.start(config, Path.of(config.node().dataDir()).toAbsolutePath(), catalog,
                objectStore, ingest.cameras(), audit, sites, Clock.systemUTC()));
        groups.addAll(police.routes());
        operators = OperatorWiring.start(config, catalog.dataSource(), objectStore, audit);
        groups.addAll(operators.routes());
        RouteTable routes = RouteTable.of(groups);
        return ApiServer.start(config.api(), routes, new TokenAuthenticator(tokens), sites, registry,
                Clock.systemUTC());
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

    /** Search, playback and export jobs. */
    public PoliceWiring police() {
        return police;
    }

    /** The operators' alert routes and their live stream. */
    public OperatorWiring operators() {
        return operators;
    }

    /** The API server (its port and route table). */
    public ApiServer api() {
        return api;
    }

    /** The catalog's API tokens. */
    public TokenStore tokens() {
        return tokens;
    }

    /** The sites and cameras as the node runs them now (stored and simulated). */
    public CurrentConfig currentConfig() {
        return current;
    }

    /** The sites and cameras as the API manages them. */
    public CameraDirectory directory() {
        return directory;
    }

    /** The catalog's audit log. */
    public AuditLog audit() {
        return audit;
    }

    private RecordingWiring startRecording(Path dataDir) {
        RecordingConfig rc = config.recording();
        Path spoolDir = rc.spoolDir() == null ? dataDir.resolve("spool") : Path.of(rc.spoolDir()).toAbsolutePath();
        CatalogIndex index = new CatalogIndex(new RecordingRepository(catalog.dataSource()),
                new ClipRepository(catalog.dataSource()), current::kindOf, Clock.systemUTC());
        Spool.Listener alarm = (segment, bytes, max) -> alarms.raise("spool_evicting", "critical",
                segment.meta().camera().value(), "spool over its cap (" + bytes + " of " + max
                        + " bytes; the object store is not taking uploads fast enough): deleted unuploaded footage "
                        + segment.start() + ".." + segment.end());
        endpoints.put("spool", spoolDir.toString());
        return RecordingWiring.start(rc, spoolDir, ingest.cameras(), ingest.gateway(), objectStore,
                config.objectStore().segmentsBucket(), config.objectStore().clipsBucket(), index, registry, alarm,
                Clock.systemUTC());
    }

    /** The alerts: raised from analytics, camera health, camera events and alarms; published through the outbox. */
    private AlertsWiring startAlerts(String bootstrap) {
        ClipSource clips = new RecordedClips(recording, new ClipRepository(catalog.dataSource()), id -> current
                .camera(id.value()).map(e -> Duration.ofSeconds(e.config().record().preRollSeconds()))
                .orElse(Duration.ZERO));
        Supplier<Map<CameraId, java.time.Instant>> pictures = () -> {
            Map<CameraId, java.time.Instant> last = new java.util.HashMap<>();
            ingest.gateway().health().forEach((id, h) -> last.put(id, h.lastFrameTime()));
            return last;
        };
        AlertsWiring wiring = AlertsWiring.start(config, bootstrap, new AlertsWiring.Parts(catalog.dataSource(),
                objectStore, clips, ingest.cameras(), pictures, registry), Clock.systemUTC());
        alarms.attach(wiring.raiser());
        cameraEvents.target = wiring.raiser();
        return wiring;
    }

    /** A camera's change applied at runtime: the alerts describe it as it is now ({@code null}: gone or disabled). */
    private void cameraApplied(CameraId id, CameraConfig now) {
        if (alerts != null) {
            alerts.raiser().camera(id, now == null ? null : CameraProfile.of(now,
                    current.site(now.site()).map(SiteEntry::config).orElse(null)));
        }
    }

    private AnalyticsWiring startAnalytics() {
        return AnalyticsWiring.start(ingest.cameras(), c -> current.timeZoneOf(c.site()),
                ingest::subscribeForAnalytics, analyticsSink(), registry);
    }

    /** Where the analytics events of every camera go: the log, and the alerts' outbox when it exists. */
    private AnalyticsEventSink analyticsSink() {
        List<AnalyticsEventSink> sinks = new ArrayList<>(List.of(new EventLog()));
        if (alerts != null) {
            sinks.add(alerts.raiser());
        }
        sinks.addAll(extraSinks);
        return event -> {
            for (AnalyticsEventSink sink : sinks) {
                try {
                    sink.accept(event);
                } catch (RuntimeException e) {
                    log.error("analytics event {} of camera {}: a sink failed", event.id(), event.camera(), e);
                }
            }
        };
    }

    /** Runs retention a minute after start, then every {@link #RETENTION_PERIOD}. */
    private AutoCloseable startRetention() {
        RetentionWorker worker = new RetentionWorker(new RetentionRepository(catalog.dataSource()), objectStore,
                config.objectStore(), () -> RetentionPolicy.from(current.applyTo(config)), Clock.systemUTC(),
                RetentionWorker.Settings.defaults(), new RetentionMetrics(registry));
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "vigil-retention");
                    t.setDaemon(true);
                    return t;
                });
        timer.scheduleWithFixedDelay(() -> {
            try {
                log.info("retention: {}", worker.runOnce());
            } catch (RuntimeException e) {
                log.error("retention run failed; next run in {}", RETENTION_PERIOD, e);
            }
        }, 60, RETENTION_PERIOD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        return timer::shutdownNow;
    }

    private <T extends AutoCloseable> T track(T part) {
        started.push(part);
        return part;
    }

    private static <T> T timed(String what, java.util.function.Supplier<T> step) {
        long t0 = System.nanoTime();
        T result = step.get();
        log.info("{} started in {} ms", what, (System.nanoTime() - t0) / 1_000_000);
        return result;
    }

    /** Where each service is, for the start-up banner: name to address. */
    public Map<String, String> endpoints() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
    }

    /** One line per camera: state, frame rate, bitrate, counters. */
    public List<String> statusLines() {
        return ingest == null ? List.of() : ingest.statusLines();
    }

    public VigilConfig config() {
        return config;
    }

    public ObjectStore objectStore() {
        return objectStore;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** The analytics of this node: its decoding pool and cameras. */
    public AnalyticsWiring analytics() {
        return analytics;
    }

    /** The alerts of this node, or {@code null} when {@code alerts.enabled} is false. */
    public AlertsWiring alerts() {
        return alerts;
    }

    /** Passes camera events on to the alerts once they have started; drops them before. */
    private static final class CameraEventRelay implements CameraEventListener {
        volatile CameraEventListener target = CameraEventListener.NONE;

        @Override
        public void onEvent(dev.vigil.core.model.CameraEvent event) {
            target.onEvent(event);
        }

        @Override
        public void onUnknownTopic(CameraId camera, String topic) {
            target.onUnknownTopic(camera, topic);
        }
    }

    /** The recording of this node: its spool, uploader and event clips. */
    public RecordingWiring recording() {
        return recording;
    }

    public IngestWiring ingest() {
        return ingest;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", part, e.toString());
            }
        }
    }
}
