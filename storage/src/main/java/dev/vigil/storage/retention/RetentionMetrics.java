package dev.vigil.storage.retention;

import dev.vigil.core.error.VigilException;
import dev.vigil.storage.catalog.CatalogItem;
import dev.vigil.storage.catalog.DeletionReason;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;

/**
 * Retention as Prometheus counters: {@code vigil_retention_deleted_total{reason, item}} (items
 * deleted; reason {@code expired} or {@code budget}, item {@code recording} or {@code clip}),
 * {@code vigil_retention_deleted_bytes_total{reason, item}} and
 * {@code vigil_retention_failures_total{item, kind}} (kind: the error kind, lower case).
 */
public final class RetentionMetrics implements RetentionListener {
    private final Counter deleted;
    private final Counter deletedBytes;
    private final Counter failures;

    /** Creates the counters and registers them in {@code registry}. */
    public RetentionMetrics(PrometheusRegistry registry) {
        deleted = Counter.builder().name("vigil_retention_deleted_total")
                .help("objects (and their catalog rows) deleted by retention")
                .labelNames("reason", "item").register(registry);
        deletedBytes = Counter.builder().name("vigil_retention_deleted_bytes_total")
                .help("bytes of objects deleted by retention")
                .labelNames("reason", "item").register(registry);
        failures = Counter.builder().name("vigil_retention_failures_total")
                .help("deletions that failed and will be retried")
                .labelNames("item", "kind").register(registry);
    }

    @Override
    public void deleted(CatalogItem item, DeletionReason reason) {
        deleted.labelValues(reason.label(), item.type().label()).inc();
        deletedBytes.labelValues(reason.label(), item.type().label()).inc(item.bytes());
    }

    @Override
    public void failed(CatalogItem item, VigilException error) {
        failures.labelValues(item.type().label(), error.kind().name().toLowerCase(Locale.ROOT)).inc();
    }
}
