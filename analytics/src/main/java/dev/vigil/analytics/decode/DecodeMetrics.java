package dev.vigil.analytics.decode;

import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.HwAccel;
import dev.vigil.core.model.Codec;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * Decoding as Prometheus metrics:
 * <ul>
 *   <li>{@code vigil_analytics_decoded_frames_total{camera}}: pictures out of the decoder;
 *   <li>{@code vigil_analytics_analysed_frames_total{camera}}: pictures handed to the consumer;
 *   <li>{@code vigil_analytics_dropped_units_total{camera, reason}}: access units not decoded,
 *       reason {@code behind}, {@code corrupt} or {@code awaiting_keyframe};
 *   <li>{@code vigil_analytics_decoder_opens_total{camera, codec}}: decoder (re)opens;
 *   <li>{@code vigil_analytics_consumer_failures_total{camera}}: frames whose consumer threw;
 *   <li>{@code vigil_analytics_hardware_fallbacks_total{camera, type}}: decoders that asked for
 *       hardware decoding and decode in software because the device could not be opened;
 *   <li>{@code vigil_analytics_decode_seconds}: decode and scale time per access unit, all
 *       cameras (no camera label, to keep the series count independent of the camera count);
 *   <li>{@code vigil_analytics_analyse_seconds}: consumer time per picture, all cameras.
 * </ul>
 */
public final class DecodeMetrics implements DecodeListener {
    private final Counter decodedFrames;
    private final Counter analysedFrames;
    private final Counter droppedUnits;
    private final Counter opens;
    private final Counter consumerFailures;
    private final Counter hardwareFallbacks;
    private final Histogram decodeSeconds;
    private final Histogram analyseSeconds;

    /** Creates the metrics and registers them in {@code registry}. */
    public DecodeMetrics(PrometheusRegistry registry) {
        decodedFrames = Counter.builder().name("vigil_analytics_decoded_frames_total")
                .help("pictures out of the analytics decoder").labelNames("camera").register(registry);
        analysedFrames = Counter.builder().name("vigil_analytics_analysed_frames_total")
                .help("pictures handed to the analytics consumer").labelNames("camera").register(registry);
        droppedUnits = Counter.builder().name("vigil_analytics_dropped_units_total")
                .help("access units that analytics did not decode").labelNames("camera", "reason").register(registry);
        opens = Counter.builder().name("vigil_analytics_decoder_opens_total")
                .help("analytics decoder opens, first and after parameter set changes")
                .labelNames("camera", "codec").register(registry);
        consumerFailures = Counter.builder().name("vigil_analytics_consumer_failures_total")
                .help("pictures whose analytics consumer threw").labelNames("camera").register(registry);
        hardwareFallbacks = Counter.builder().name("vigil_analytics_hardware_fallbacks_total")
                .help("decoders that asked for hardware decoding and decode in software (device unavailable)")
                .labelNames("camera", "type").register(registry);
        decodeSeconds = Histogram.builder().name("vigil_analytics_decode_seconds")
                .help("decode and scale time per access unit").unit(Unit.SECONDS).classicOnly()
                .classicUpperBounds(0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25)
                .register(registry);
        analyseSeconds = Histogram.builder().name("vigil_analytics_analyse_seconds")
                .help("analytics consumer time per picture").unit(Unit.SECONDS).classicOnly()
                .classicUpperBounds(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1)
                .register(registry);
    }

    @Override
    public void decoded(CameraId camera, int frames, long nanos) {
        if (frames > 0) {
            decodedFrames.labelValues(camera.value()).inc(frames);
        }
        decodeSeconds.observe(nanos / 1e9);
    }

    @Override
    public void analysed(CameraId camera, long nanos) {
        analysedFrames.labelValues(camera.value()).inc();
        analyseSeconds.observe(nanos / 1e9);
    }

    @Override
    public void dropped(CameraId camera, DropReason reason, int units) {
        droppedUnits.labelValues(camera.value(), reason.label()).inc(units);
    }

    @Override
    public void opened(CameraId camera, Codec codec) {
        opens.labelValues(camera.value(), codec.wireName()).inc();
    }

    @Override
    public void hardwareUnavailable(CameraId camera, HwAccel type, String reason) {
        hardwareFallbacks.labelValues(camera.value(), type.ffmpegName()).inc();
    }

    @Override
    public void consumerFailed(CameraId camera, RuntimeException error) {
        consumerFailures.labelValues(camera.value()).inc();
    }
}
