package dev.vigil.ingest.metrics;

import dev.vigil.ingest.supervisor.CameraHealth;
import dev.vigil.ingest.supervisor.CameraState;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Camera health as Prometheus metrics, read from the gateway's health snapshots at scrape time:
 * nothing is counted on the packet path for it. Register it in the process's registry.
 *
 * <p>Every series has the labels {@code camera}, {@code site} and {@code stream} (which of the
 * camera's sessions: {@code main}, the recorded one, or {@code detect}, the smaller stream the
 * analytics read where a camera has one). Gauges: {@code vigil_camera_up}
 * (1 while playing), {@code vigil_camera_state} (1 for the current state, label {@code state}),
 * {@code vigil_camera_seconds_since_last_frame} (NaN before the first frame),
 * {@code vigil_camera_fps}, {@code vigil_camera_bitrate_bits_per_second}. Counters:
 * {@code vigil_camera_access_units_total}, {@code vigil_camera_keyframes_total},
 * {@code vigil_camera_bytes_total}, {@code vigil_camera_rtp_packets_lost_total},
 * {@code vigil_camera_bad_packets_total}, {@code vigil_camera_subscriber_drops_total},
 * {@code vigil_camera_reconnects_total}, {@code vigil_camera_limit_violations_total} (label
 * {@code limit}).
 */
public final class GatewayMetrics implements MultiCollector {
    private final Map<String, Supplier<Collection<CameraHealth>>> streams;
    private final Function<String, String> siteOf;
    private final Clock clock;

    /**
     * @param health the current health of every camera (e.g. {@code () -> gateway.health().values()})
     * @param siteOf the site id of a camera id, for the {@code site} label
     */
    public GatewayMetrics(Supplier<Collection<CameraHealth>> health, Function<String, String> siteOf, Clock clock) {
        this(Map.of("main", Objects.requireNonNull(health, "health")), siteOf, clock);
    }

    /**
     * @param streams the current health of every camera per stream name (the {@code stream} label),
     *     e.g. {@code main} and {@code detect} from two gateways
     * @param siteOf the site id of a camera id, for the {@code site} label
     */
    public GatewayMetrics(Map<String, Supplier<Collection<CameraHealth>>> streams, Function<String, String> siteOf,
            Clock clock) {
        this.streams = Map.copyOf(streams);
        this.siteOf = Objects.requireNonNull(siteOf, "siteOf");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public MetricSnapshots collect() {
        List<Series> cameras = new ArrayList<>();
        streams.forEach((stream, health) -> health.get().forEach(h -> cameras.add(new Series(stream, h))));
        long now = clock.millis();
        MetricSnapshots.Builder out = MetricSnapshots.builder();
        out.metricSnapshot(gauge("vigil_camera_up", "1 while the camera's session is playing", cameras,
                h -> h.state() == CameraState.PLAYING ? 1 : 0));
        GaugeSnapshot.Builder state = GaugeSnapshot.builder().name("vigil_camera_state")
                .help("1 for the camera supervisor's current state");
        for (Series c : cameras) {
            for (CameraState s : CameraState.values()) {
                state.dataPoint(GaugeDataPointSnapshot.builder()
                        .labels(labels(c).add("state", s.name().toLowerCase(java.util.Locale.ROOT)))
                        .value(c.health().state() == s ? 1 : 0).build());
            }
        }
        out.metricSnapshot(state.build());
        out.metricSnapshot(gauge("vigil_camera_seconds_since_last_frame", "seconds since the last access unit",
                cameras, h -> h.lastFrameTime() == null ? Double.NaN
                        : Duration.ofMillis(now - h.lastFrameTime().toEpochMilli()).toMillis() / 1000.0));
        out.metricSnapshot(gauge("vigil_camera_fps", "access units per second, recent", cameras, CameraHealth::fps));
        out.metricSnapshot(gauge("vigil_camera_bitrate_bits_per_second", "video payload bitrate, recent", cameras,
                CameraHealth::bitrateBps));
        Map<String, ToDoubleFunction<CameraHealth>> counters = new java.util.LinkedHashMap<>();
        counters.put("vigil_camera_access_units", CameraHealth::accessUnits);
        counters.put("vigil_camera_keyframes", CameraHealth::keyframes);
        counters.put("vigil_camera_bytes", CameraHealth::bytes);
        counters.put("vigil_camera_rtp_packets_lost", CameraHealth::packetsLost);
        counters.put("vigil_camera_bad_packets", CameraHealth::badPackets);
        counters.put("vigil_camera_subscriber_drops", CameraHealth::subscriberDrops);
        counters.put("vigil_camera_reconnects", CameraHealth::reconnects);
        counters.forEach((name, value) -> {
            CounterSnapshot.Builder c = CounterSnapshot.builder().name(name).help(help(name));
            for (Series h : cameras) {
                c.dataPoint(CounterDataPointSnapshot.builder().labels(labels(h)).value(value.applyAsDouble(h.health()))
                        .build());
            }
            out.metricSnapshot(c.build());
        });
        CounterSnapshot.Builder limits = CounterSnapshot.builder().name("vigil_camera_limit_violations")
                .help("times a camera exceeded a limit (RTSP head or body size, access unit size)");
        for (Series h : cameras) {
            h.health().limitViolations().forEach((limit, count) -> limits.dataPoint(CounterDataPointSnapshot.builder()
                    .labels(labels(h).add("limit", limit)).value(count).build()));
        }
        out.metricSnapshot(limits.build());
        return out.build();
    }

    private GaugeSnapshot gauge(String name, String help, List<Series> cameras, ToDoubleFunction<CameraHealth> value) {
        GaugeSnapshot.Builder g = GaugeSnapshot.builder().name(name).help(help);
        for (Series h : cameras) {
            g.dataPoint(GaugeDataPointSnapshot.builder().labels(labels(h)).value(value.applyAsDouble(h.health()))
                    .build());
        }
        return g.build();
    }

    /** One camera's session on one stream. */
    private record Series(String stream, CameraHealth health) {}

    private Labels labels(Series s) {
        String camera = s.health().camera().value();
        String site = siteOf.apply(camera);
        return Labels.of("camera", camera, "site", site == null ? "" : site, "stream", s.stream());
    }

    private static String help(String name) {
        return switch (name) {
            case "vigil_camera_access_units" -> "complete access units delivered";
            case "vigil_camera_keyframes" -> "key frames delivered";
            case "vigil_camera_bytes" -> "video payload bytes delivered";
            case "vigil_camera_rtp_packets_lost" -> "RTP packets lost (sequence gaps)";
            case "vigil_camera_bad_packets" -> "RTP packets that could not be used";
            case "vigil_camera_subscriber_drops" -> "access units dropped by full subscriber queues";
            case "vigil_camera_reconnects" -> "connection attempts after the first";
            default -> name;
        };
    }
}
