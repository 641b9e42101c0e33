package dev.vigil.app;

import dev.vigil.core.config.ObjectStoreConfig;
import dev.vigil.storage.catalog.Catalog;
import dev.vigil.storage.catalog.ExportJobRepository;
import dev.vigil.storage.catalog.RetentionRepository;
import dev.vigil.storage.export.ExportObjects;
import dev.vigil.storage.object.ObjectStore;
import dev.vigil.storage.retention.ExportExpiry;
import dev.vigil.storage.retention.RetentionMetrics;
import dev.vigil.storage.retention.RetentionPolicy;
import dev.vigil.storage.retention.RetentionWorker;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a node's {@link RetentionWorker} (recordings, clips and evidence exports) a minute after
 * start, then every {@link #PERIOD}, on one daemon thread; a failed run is logged and the next one
 * comes on time. The policy is read at each
 * run, so cameras changed through the API are kept by their current settings.
 */
final class RetentionSchedule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);
    static final Duration PERIOD = Duration.ofMinutes(10);

    private final ScheduledExecutorService timer;

    private RetentionSchedule(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static RetentionSchedule start(Catalog catalog, ObjectStore store, ObjectStoreConfig buckets,
            Supplier<RetentionPolicy> policy, PrometheusRegistry registry) {
        Clock clock = Clock.systemUTC();
        ExportExpiry exports = new ExportExpiry(new ExportJobRepository(catalog.dataSource()),
                new ExportObjects(store, buckets.exportsBucket()), clock);
        RetentionWorker worker = new RetentionWorker(new RetentionRepository(catalog.dataSource()), store, buckets,
                policy, clock, RetentionWorker.Settings.defaults(), new RetentionMetrics(registry), exports);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-retention");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                log.info("retention: {}", worker.runOnce());
            } catch (RuntimeException e) {
                log.error("retention run failed; next run in {}", PERIOD, e);
            }
        }, 60, PERIOD.toSeconds(), TimeUnit.SECONDS);
        return new RetentionSchedule(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    @Override
    public String toString() {
        return "RetentionSchedule[every " + PERIOD + "]";
    }
}
