package dev.vigil.app.analytics;

import dev.vigil.analytics.decode.DecodeMetrics;
import dev.vigil.analytics.decode.DecodePool;
import dev.vigil.analytics.decode.DecodePoolSettings;
import dev.vigil.analytics.decode.DecoderSettings;
import dev.vigil.analytics.pipeline.AnalysisMetrics;
import dev.vigil.analytics.pipeline.AnalyzingConsumer;
import dev.vigil.analytics.pipeline.CameraAnalyzers;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.port.AnalyticsEventSink;
import dev.vigil.ingest.supervisor.Subscription;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
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
 * <p>{@link #close}: the feeder stops, the pool's workers stop, then each analyser closes, which
 * ends its open events (END steps reach the sink).
 */
public final class AnalyticsWiring implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AnalyticsWiring.class);
    /** Units buffered per camera between the gateway and the feeder; the pool has its own queues. */
    static final int SUBSCRIPTION_UNITS = 128;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final DecodePool pool;
    private final Map<CameraId, Subscription> subscriptions;
    private final Map<CameraId, AnalyzingConsumer> consumers;
    private final Thread feeder;
    private volatile boolean running = true;

    private AnalyticsWiring(DecodePool pool, Map<CameraId, Subscription> subscriptions,
            Map<CameraId, AnalyzingConsumer> consumers) {
        this.pool = pool;
        this.subscriptions = subscriptions;
        this.consumers = consumers;
        this.feeder = new Thread(this::feed, "vigil-analytics-feed");
        this.feeder.setDaemon(true);
    }

    /**
     * Starts analytics for the cameras that have rules.
     *
     * @param cameras the node's cameras (validated)
     * @param timeZones a camera's site time zone, for rule schedules
     * @param subscribe subscribes to the access units a camera's analytics decodes
     * @param sink where every camera's events go
     */
    public static AnalyticsWiring start(List<CameraConfig> cameras, Function<CameraConfig, ZoneId> timeZones,
            java.util.function.BiFunction<CameraConfig, Integer, Subscription> subscribe, AnalyticsEventSink sink,
            PrometheusRegistry registry) {
        Objects.requireNonNull(sink, "sink");
        DecodePool pool = new DecodePool(DecodePoolSettings.defaults(), new DecodeMetrics(registry), System::nanoTime);
        AnalysisMetrics metrics = new AnalysisMetrics(registry);
        Counter startFailures = Counter.builder().name("vigil_analytics_camera_start_failures_total")
                .help("cameras whose analytics could not start (see the log)").labelNames("camera")
                .register(registry);
        Map<CameraId, Subscription> subscriptions = new LinkedHashMap<>();
        Map<CameraId, AnalyzingConsumer> consumers = new LinkedHashMap<>();
        for (CameraConfig c : cameras) {
            if (!Boolean.TRUE.equals(c.enabled()) || !c.analytics().active()) {
                continue;
            }
            CameraId id = CameraId.of(c.id());
            AnalyzingConsumer consumer;
            try {
                consumer = new AnalyzingConsumer(CameraAnalyzers.create(id, c.analytics(), timeZones.apply(c), sink),
                        report -> metrics.record(id, report));
            } catch (VigilException e) {
                startFailures.labelValues(id.value()).inc();
                log.error("camera {}: analytics not started: {}", id, e.getMessage());
                continue;
            }
            pool.register(id, DecoderSettings.of(c.analytics()), consumer);
            consumers.put(id, consumer);
            subscriptions.put(id, subscribe.apply(c, SUBSCRIPTION_UNITS));
        }
        AnalyticsWiring wiring = new AnalyticsWiring(pool, subscriptions, consumers);
        wiring.feeder.start();
        log.info("analytics: {} cameras on {} decode workers", consumers.size(), DecodePoolSettings.defaults().workers());
        return wiring;
    }

    /** The cameras analysed. */
    public List<CameraId> cameras() {
        return new ArrayList<>(consumers.keySet());
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
