package dev.vigil.app.analytics;

import dev.vigil.analytics.decode.DecodeMetrics;
import dev.vigil.analytics.decode.DecodePool;
import dev.vigil.analytics.decode.DecodePoolSettings;
import dev.vigil.analytics.decode.DecoderSettings;
import dev.vigil.analytics.pipeline.AnalysisMetrics;
import dev.vigil.analytics.pipeline.AnalyzingConsumer;
import dev.vigil.analytics.pipeline.CameraAnalyzers;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.port.AnalyticsEventSink;
import dev.vigil.ingest.supervisor.Subscription;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analytics on a node: every enabled camera with analytics rules (and a mode other than
 * {@code off}) gets a {@link dev.vigil.analytics.pipeline.CameraAnalyzer} fed by the shared
 * {@link DecodePool}. One feeder thread ({@code vigil-analytics-feed}) moves access units from the
 * cameras' gateway subscriptions (the detect stream's when the camera has one) into the pool,
 * which never blocks: a camera whose analysis falls behind drops to its next key frame, counted,
 * and ingest and recording never wait for analytics.
 *
 * <p>A camera whose analyser cannot be built (an ONNX model that does not load) is logged, counted
 * in {@code vigil_analytics_camera_start_failures_total} and left out; the others run.
 *
 * <p>{@link #add} and {@link #remove} start and stop one camera's analytics while the others run;
 * a removed camera's open events end.
 *
 * <p>{@link #close}: the feeder stops, the pool's workers stop, then each analyser closes, which
 * ends its open events (END steps reach the sink).
 */
public final class AnalyticsWiring implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AnalyticsWiring.class);
    /** Units buffered per camera between the gateway and the feeder; the pool has its own queues. */
    static final int SUBSCRIPTION_UNITS = 128;
    /** How long {@link #remove} waits for a decode worker to leave the camera's analyser. */
    static final int RETIRE_SECONDS = 10;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final DecodePool pool;
    private final Map<CameraId, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<CameraId, AnalyzingConsumer> consumers = new ConcurrentHashMap<>();
    private final Function<CameraConfig, ZoneId> timeZones;
    private final BiFunction<CameraConfig, Integer, Subscription> subscribe;
    private final AnalyticsEventSink sink;
    private final AnalysisMetrics metrics;
    private final Counter startFailures;
    private final Thread feeder;
    private volatile boolean running = true;

    private AnalyticsWiring(DecodePool pool, Function<CameraConfig, ZoneId> timeZones,
            BiFunction<CameraConfig, Integer, Subscription> subscribe, AnalyticsEventSink sink, AnalysisMetrics metrics,
            Counter startFailures) {
        this.pool = pool;
        this.timeZones = timeZones;
        this.subscribe = subscribe;
        this.sink = sink;
        this.metrics = metrics;
        this.startFailures = startFailures;
        this.feeder = new Thread(this::feed, "vigil-analytics-feed");
        this.feeder.setDaemon(true);
    }

    /**
     * Starts analytics for the cameras that have rules.
     *
     * @param cameras the node's cameras (validated)
     * @param timeZones a camera's site time zone, for rule schedules (asked again when a camera is added)
     * @param subscribe subscribes to the access units a camera's analytics decodes
     * @param sink where every camera's events go
     */
    public static AnalyticsWiring start(List<CameraConfig> cameras, Function<CameraConfig, ZoneId> timeZones,
            BiFunction<CameraConfig, Integer, Subscription> subscribe, AnalyticsEventSink sink,
            PrometheusRegistry registry) {
        Objects.requireNonNull(sink, "sink");
        DecodePool pool = new DecodePool(DecodePoolSettings.defaults(), new DecodeMetrics(registry), System::nanoTime);
        AnalysisMetrics metrics = new AnalysisMetrics(registry);
        Counter startFailures = Counter.builder().name("vigil_analytics_camera_start_failures_total")
                .help("cameras whose analytics could not start (see the log)").labelNames("camera")
                .register(registry);
        AnalyticsWiring wiring = new AnalyticsWiring(pool, timeZones, subscribe, sink, metrics, startFailures);
        for (CameraConfig c : cameras) {
            wiring.analyse(c);
        }
        wiring.feeder.start();
        log.info("analytics: {} cameras on {} decode workers", wiring.consumers.size(),
                DecodePoolSettings.defaults().workers());
        return wiring;
    }

    /** Whether {@code camera} is analysed at all: enabled, with rules, in a mode other than {@code off}. */
    public static boolean analyses(CameraConfig camera) {
        return Boolean.TRUE.equals(camera.enabled()) && camera.analytics().active();
    }

    /** Builds the camera's analyser, registers it with the pool and subscribes; logs and counts a failure. */
    private boolean analyse(CameraConfig c) {
        if (!analyses(c)) {
            return false;
        }
        CameraId id = CameraId.of(c.id());
        // Subscribe first: a camera the gateway does not run fails here, before anything is built.
        Subscription subscription = subscribe.apply(c, SUBSCRIPTION_UNITS);
        AnalyzingConsumer consumer;
        try {
            consumer = new AnalyzingConsumer(CameraAnalyzers.create(id, c.analytics(), timeZones.apply(c), sink),
                    report -> metrics.record(id, report));
        } catch (VigilException e) {
            subscription.close();
            startFailures.labelValues(id.value()).inc();
            log.error("camera {}: analytics not started: {}", id, e.getMessage());
            return false;
        }
        pool.register(id, DecoderSettings.of(c.analytics()), consumer);
        consumers.put(id, consumer);
        subscriptions.put(id, subscription);
        return true;
    }

    /**
     * Starts analysing one more camera with the analyser its config describes (nothing when
     * {@link #analyses} says no). The camera must be running on the gateway it subscribes to.
     *
     * @return whether it is analysed now (false also when its analyser could not be built: logged
     *     and counted in {@code vigil_analytics_camera_start_failures_total})
     * @throws VigilException ALREADY_EXISTS when it is analysed already
     */
    public boolean add(CameraConfig camera) {
        if (consumers.containsKey(CameraId.of(camera.id()))) {
            throw new VigilException(ErrorKind.ALREADY_EXISTS, "camera " + camera.id() + " is analysed already");
        }
        boolean started = analyse(camera);
        if (started) {
            log.info("camera {}: analytics started ({} rules)", camera.id(), camera.analytics().rules().size());
        }
        return started;
    }

    /**
     * Stops analysing one camera: unsubscribes, unregisters it from the decode pool, waits (at most
     * {@value #RETIRE_SECONDS} s) until no decode worker is inside its analyser, then closes the
     * analyser, which ends its open events (their END steps reach the sink).
     *
     * @return whether it was analysed
     */
    public boolean remove(CameraId camera) {
        Subscription subscription = subscriptions.remove(camera);
        if (subscription != null) {
            subscription.close();
        }
        AnalyzingConsumer consumer = consumers.remove(camera);
        if (consumer == null) {
            return false;
        }
        try {
            pool.unregister(camera).get(RETIRE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // Closing an analyser a worker is still inside would free native memory under it: leak it instead.
            log.error("camera {}: its analyser was still busy after {} s; left open (its open events do not end)",
                    camera, RETIRE_SECONDS);
            return true;
        } catch (ExecutionException e) {
            log.warn("camera {}: unregistering from the decode pool failed: {}", camera, e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
        try {
            consumer.close();
        } catch (RuntimeException e) {
            log.warn("camera {}: closing its analyser failed: {}", camera, e.toString());
        }
        log.info("camera {}: analytics stopped, open events ended", camera);
        return true;
    }

    /** The cameras analysed. */
    public List<CameraId> cameras() {
        return new ArrayList<>(new java.util.TreeSet<>(consumers.keySet()));
    }

    /** The decoding pool (tests wait on it). */
    public DecodePool pool() {
        return pool;
    }

    private void feed() {
        while (running) {
            int moved = 0;
            for (Subscription s : subscriptions.values()) {
                AccessUnit unit;
                while ((unit = s.poll()) != null) {
                    pool.offer(unit);
                    moved++;
                }
            }
            if (moved == 0) {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            feeder.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        subscriptions.values().forEach(Subscription::close);
        // The pool's workers stop first (it waits for them), so no analyser is in use when it closes.
        pool.close();
        consumers.forEach((id, consumer) -> {
            try {
                consumer.close();
            } catch (RuntimeException e) {
                log.warn("camera {}: closing its analyser failed: {}", id, e.toString());
            }
        });
    }

    @Override
    public String toString() {
        return "AnalyticsWiring[" + consumers.size() + " cameras]";
    }
}
