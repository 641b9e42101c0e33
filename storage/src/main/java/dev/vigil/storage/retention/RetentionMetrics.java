package dev.vigil.storage.retention;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.export.ExportJob;
import dev.vigil.storage.catalog.CatalogItem;
import dev.vigil.storage.catalog.DeletionReason;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;

/**
 * Retention as Prometheus counters: {@code vigil_retention_deleted_total{reason, item}} (items
 * deleted; reason {@code expired} or {@code budget}, item {@code recording} or {@code clip}),
 * {@code vigil_retention_deleted_bytes_total{reason, item}} and
 * {@code vigil_retention_failures_total{item, kind}} (kind: the error kind, lower case; item
 * {@code recording}, {@code clip} or {@code export}), and for evidence exports
 * {@code vigil_retention_exports_expired_total} (jobs whose files were deleted) and
 * {@code vigil_retention_exports_expired_bytes_total}.
 */
public final class RetentionMetrics implements RetentionListener {
    private final Counter deleted;
    private final Counter deletedBytes;
    private final Counter failures;
    private final Counter exportsExpired;
    private final Counter exportBytes;

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
        exportsExpired = Counter.builder().name("vigil_retention_exports_expired_total")
                .help("evidence export jobs whose files retention deleted (retention.exportDays)").register(registry);
        exportBytes = Counter.builder().name("vigil_retention_exports_expired_bytes_total")
                .help("bytes of evidence export files deleted by retention").register(registry);
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

    @Override
    public void exportExpired(ExportJob job, long bytes) {
        exportsExpired.inc();
        exportBytes.inc(bytes);
    }

    @Override
    public void exportFailed(ExportJob job, VigilException error) {
        failures.labelValues("export", error.kind().name().toLowerCase(Locale.ROOT)).inc();
    }
}
