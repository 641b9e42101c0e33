package dev.vigil.storage.record;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Recording as Prometheus metrics:
 * <ul>
 *   <li>{@code vigil_recording_segments_total{camera}}, {@code vigil_recording_breaks_total{camera,reason}},
 *       {@code vigil_recording_skipped_units_total{camera}}, {@code vigil_recording_write_errors_total{camera}};
 *   <li>{@code vigil_upload_segments_total}, {@code vigil_upload_bytes_total},
 *       {@code vigil_upload_failures_total{kind}};
 *   <li>{@code vigil_spool_bytes}, {@code vigil_spool_max_bytes}, {@code vigil_spool_segments},
 *       {@code vigil_spool_oldest_seconds} (age of the oldest segment waiting: how far uploads lag),
 *       {@code vigil_spool_evicted_segments_total}, {@code vigil_spool_evicted_bytes_total}.
 * </ul>
 */
public final class RecordingMetrics implements SegmentRecorder.Listener, SegmentUploader.Listener {
    private final Counter segments;
    private final Counter breaks;
    private final Counter skipped;
    private final Counter writeErrors;
    private final Counter uploaded;
    private final Counter uploadedBytes;
    private final Counter uploadFailures;

    /** Creates the metrics in {@code registry}; the spool gauges read {@code spool} at scrape time. */
    public RecordingMetrics(PrometheusRegistry registry, Spool spool, Clock clock) {
        segments = Counter.builder().name("vigil_recording_segments_total")
                .help("segments finished in the spool").labelNames("camera").register(registry);
        breaks = Counter.builder().name("vigil_recording_breaks_total")
                .help("segments closed early, by reason").labelNames("camera", "reason").register(registry);
        skipped = Counter.builder().name("vigil_recording_skipped_units_total")
                .help("access units not recorded while waiting for a key frame").labelNames("camera")
                .register(registry);
        writeErrors = Counter.builder().name("vigil_recording_write_errors_total")
                .help("spool write errors (e.g. a full disk)").labelNames("camera").register(registry);
        uploaded = Counter.builder().name("vigil_upload_segments_total")
                .help("segments and clips stored in the object store and the catalog").register(registry);
        uploadedBytes = Counter.builder().name("vigil_upload_bytes_total")
                .help("bytes uploaded").register(registry);
        uploadFailures = Counter.builder().name("vigil_upload_failures_total")
                .help("failed uploads (retried)").labelNames("kind").register(registry);
        GaugeWithCallback.builder().name("vigil_spool_bytes").help("bytes in the spool")
                .callback(cb -> cb.call(spool.bytes())).register(registry);
        GaugeWithCallback.builder().name("vigil_spool_max_bytes").help("the spool's cap")
                .callback(cb -> cb.call(spool.maxBytes())).register(registry);
        GaugeWithCallback.builder().name("vigil_spool_segments").help("finished segments waiting for upload")
                .callback(cb -> cb.call(spool.readyCount())).register(registry);
        GaugeWithCallback.builder().name("vigil_spool_oldest_seconds")
                .help("age of the oldest segment waiting for upload, 0 when none waits")
                .callback(cb -> cb.call(spool.oldestReady()
                        .map(t -> Math.max(0, Duration.between(t, clock.instant()).toMillis() / 1000.0)).orElse(0.0)))
                .register(registry);
        io.prometheus.metrics.core.metrics.CounterWithCallback.builder().name("vigil_spool_evicted_segments_total")
                .help("segments deleted before upload because the spool was over its cap")
                .callback(cb -> cb.call(spool.evictedSegments())).register(registry);
        io.prometheus.metrics.core.metrics.CounterWithCallback.builder().name("vigil_spool_evicted_bytes_total")
                .help("bytes deleted before upload because the spool was over its cap")
                .callback(cb -> cb.call(spool.evictedBytes())).register(registry);
    }

    @Override
    public void onSegment(SpooledSegment segment) {
        segments.labelValues(segment.meta().camera().value()).inc();
    }

    @Override
    public void onBreak(CameraId camera, SegmentRecorder.BreakReason reason) {
        breaks.labelValues(camera.value(), reason.label()).inc();
    }

    @Override
    public void onSkipped(CameraId camera, long units) {
        skipped.labelValues(camera.value()).inc(units);
    }

    @Override
    public void onWriteError(CameraId camera, VigilException error) {
        writeErrors.labelValues(camera.value()).inc();
    }

    @Override
    public void onUploaded(SpooledSegment segment, String objectKey, long nanos) {
        uploaded.inc();
        uploadedBytes.inc(segment.bytes());
    }

    @Override
    public void onUploadFailed(SpooledSegment segment, VigilException error) {
        uploadFailures.labelValues(error.kind().name().toLowerCase(Locale.ROOT)).inc();
    }
}
