package dev.vigil.ingest.onvif.events;

import dev.vigil.core.model.CameraEvent;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.port.CameraEventListener;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts camera events as Prometheus counters: {@code vigil_onvif_events_total{camera,kind}}
 * ({@code kind} is {@code motion} or {@code tamper}; starts and ends both count) and
 * {@code vigil_onvif_unknown_topics_total{camera}}. A {@link CameraEventListener}: fast, never
 * throws, thread-safe. Register it in the process's registry.
 */
public final class OnvifEventMetrics implements CameraEventListener, MultiCollector {
    private record Key(String camera, String kind) { }

    private final Map<Key, LongAdder> events = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> unknown = new ConcurrentHashMap<>();

    @Override
    public void onEvent(CameraEvent event) {
        events.computeIfAbsent(new Key(event.camera().value(), event.kind().name().toLowerCase(Locale.ROOT)),
                k -> new LongAdder()).increment();
    }

    @Override
    public void onUnknownTopic(CameraId camera, String topic) {
        unknown.computeIfAbsent(camera.value(), k -> new LongAdder()).increment();
    }

    /** Events counted for one camera and kind ({@code motion}, {@code tamper}). */
    public long events(String camera, String kind) {
        LongAdder a = events.get(new Key(camera, kind));
        return a == null ? 0 : a.sum();
    }

    /** Unknown-topic events counted for one camera. */
    public long unknownTopics(String camera) {
        LongAdder a = unknown.get(camera);
        return a == null ? 0 : a.sum();
    }

    @Override
    public MetricSnapshots collect() {
        CounterSnapshot.Builder e = CounterSnapshot.builder().name("vigil_onvif_events")
                .help("motion and tamper events raised by cameras (ONVIF), starts and ends");
        events.forEach((k, v) -> e.dataPoint(CounterDataPointSnapshot.builder()
                .labels(Labels.of("camera", k.camera(), "kind", k.kind())).value(v.sum()).build()));
        CounterSnapshot.Builder u = CounterSnapshot.builder().name("vigil_onvif_unknown_topics")
                .help("camera events (ONVIF) whose topic Vigil does not map");
        unknown.forEach((camera, v) -> u.dataPoint(CounterDataPointSnapshot.builder()
                .labels(Labels.of("camera", camera)).value(v.sum()).build()));
        return MetricSnapshots.builder().metricSnapshot(e.build()).metricSnapshot(u.build()).build();
    }
}
