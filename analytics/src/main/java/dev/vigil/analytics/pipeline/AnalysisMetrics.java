package dev.vigil.analytics.pipeline;

import dev.vigil.core.model.AnalyticsEvent;
import dev.vigil.core.model.CameraId;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;

/**
 * What the analysers do, as Prometheus metrics (decoding has its own, {@code DecodeMetrics}):
 * <ul>
 *   <li>{@code vigil_analytics_motion_frames_total{camera}}: frames with motion;
 *   <li>{@code vigil_analytics_detector_skipped_frames_total{camera}}: frames on which no object
 *       detector ran (no motion, no rule needing objects, or a blind view): the motion gate's saving;
 *   <li>{@code vigil_analytics_detector_runs_total{camera}}: detector calls (one per detector and region);
 *   <li>{@code vigil_analytics_detections_total{camera}}: objects found after duplicate suppression;
 *   <li>{@code vigil_analytics_events_total{camera, type, phase}}: event steps sent on.
 * </ul>
 * Thread-safe; {@link #record} is fast and never throws.
 */
public final class AnalysisMetrics {
    private final Counter motionFrames;
    private final Counter skippedFrames;
    private final Counter detectorRuns;
    private final Counter detections;
    private final Counter events;

    /** Creates the metrics and registers them in {@code registry}. */
    public AnalysisMetrics(PrometheusRegistry registry) {
        motionFrames = Counter.builder().name("vigil_analytics_motion_frames_total")
                .help("analysed frames with motion").labelNames("camera").register(registry);
        skippedFrames = Counter.builder().name("vigil_analytics_detector_skipped_frames_total")
                .help("analysed frames on which no object detector ran").labelNames("camera").register(registry);
        detectorRuns = Counter.builder().name("vigil_analytics_detector_runs_total")
                .help("object detector calls, one per detector and region").labelNames("camera").register(registry);
        detections = Counter.builder().name("vigil_analytics_detections_total")
                .help("objects found after duplicate suppression").labelNames("camera").register(registry);
        events = Counter.builder().name("vigil_analytics_events_total")
                .help("analytics event steps sent on").labelNames("camera", "type", "phase").register(registry);
    }

    /** Counts what one frame's analysis found. */
    public void record(CameraId camera, FrameReport report) {
        String cam = camera.value();
        if (report.motion().hasMotion()) {
            motionFrames.labelValues(cam).inc();
        }
        if (report.detectorRuns() == 0 && report.examined().isEmpty()) {
            skippedFrames.labelValues(cam).inc();
        } else {
            detectorRuns.labelValues(cam).inc(report.detectorRuns());
        }
        if (!report.detections().isEmpty()) {
            detections.labelValues(cam).inc(report.detections().size());
        }
        for (AnalyticsEvent e : report.events()) {
            events.labelValues(cam, e.type().name().toLowerCase(Locale.ROOT),
                    e.phase().name().toLowerCase(Locale.ROOT)).inc();
        }
    }
}
