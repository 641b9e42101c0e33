package dev.vigil.app;

import dev.vigil.app.alerts.AlertsWiring;
import dev.vigil.app.alerts.ClipSource;
import dev.vigil.app.alerts.RecordedClips;
import dev.vigil.app.analytics.AnalyticsWiring;
import dev.vigil.app.analytics.EventLog;
import dev.vigil.app.config.CurrentConfig;
import dev.vigil.app.config.LiveCameras;
import dev.vigil.app.config.StoredConfig;
import dev.vigil.app.embedded.EmbeddedKafka;
import dev.vigil.app.embedded.EmbeddedS3;
import dev.vigil.app.record.RecordingWiring;
import dev.vigil.core.alert.CameraProfile;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.RecordingConfig;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.directory.SiteEntry;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.net.CameraNetworks;
import dev.vigil.core.port.AnalyticsEventSink;
import dev.vigil.core.port.CameraEventListener;
import dev.vigil.ingest.metrics.GatewayMetrics;
import dev.vigil.storage.catalog.Catalog;
import dev.vigil.storage.catalog.ClipRepository;
import dev.vigil.storage.catalog.ConfigRepository;
import dev.vigil.storage.catalog.RecordingRepository;
import dev.vigil.storage.object.MinioObjectStore;
import dev.vigil.storage.object.ObjectStore;
import dev.vigil.storage.record.CatalogIndex;
import dev.vigil.storage.record.Spool;
import dev.vigil.storage.retention.RetentionPolicy;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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
    private ApiWiring api;
    private CurrentConfig current;
    private LiveCameras live;

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

        ConfigRepository configStore = new ConfigRepository(catalog.dataSource());
        StoredConfig stored = timed("config", () -> StoredConfig.load(configStore, config, env, Clock.systemUTC()));
        CameraNetworks networks = CameraNetworks.parse(config.api().cameraNetworks());
        Map<String, Boolean> restricted = new java.util.HashMap<>();
        stored.cameras().forEach(e -> restricted.put(e.id(), CurrentConfig.restricted(e)));
        ingest = track(timed("ingest", () -> IngestWiring.start(stored.applyTo(config), env, cameraEvents,
                id -> restricted.getOrDefault(id.value(), false) ? networks : null)));
        endpoints.putAll(ingest.endpoints());
        current = new CurrentConfig(stored.sites(), stored.cameras(), ingest.simulatedCameras());

        registry = new PrometheusRegistry();
        alarms = new SystemAlarms(Clock.systemUTC());
        recording = track(timed("recording", () -> startRecording(dataDir)));
        track(timed("retention", () -> RetentionSchedule.start(catalog, objectStore, config.objectStore(),
                () -> RetentionPolicy.from(current.applyTo(config)), registry)));
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
                () -> ingest.detectStreamHealth().values()), status::siteOf, Clock.systemUTC()));
        registry.register(ingest.onvifEvents());
        api = track(timed("api", () -> ApiWiring.start(config, env, new ApiWiring.Parts(catalog, objectStore, registry,
                status, configStore, current, networks, () -> live))));
        endpoints.put("api", "http://" + config.api().bind() + ":" + api.port()
                + "  (/healthz, /readyz, /metrics; /api/v1/... with a bearer token; /api/v1/openapi.json)");
    }

    /** The HTTP API: its server, tokens, audit log, and the integrators', police's and operators' parts. */
    public ApiWiring api() {
        return api;
    }

    /** The sites and cameras as the node runs them now (stored and simulated). */
    public CurrentConfig currentConfig() {
        return current;
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
