package dev.vigil.ingest.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Transport;
import dev.vigil.ingest.rtsp.SessionFailure;
import dev.vigil.ingest.supervisor.CameraHealth;
import dev.vigil.ingest.supervisor.CameraState;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:10Z");

    @Test
    void healthBecomesLabelledSeries() {
        CameraHealth playing = new CameraHealth(CameraId.of("a"), CameraState.PLAYING, NOW, NOW.minusSeconds(2), 25,
                4e6, 100, 4, 50_000, 3, 1, 2, 0, null, null, "srv", Transport.TCP,
                java.util.Map.of("access_unit_size", 2L), null);
        CameraHealth down = new CameraHealth(CameraId.of("b"), CameraState.BACKING_OFF, NOW, null, 0, 0, 0, 0, 0, 0, 0,
                0, 5, "camera b: 401", SessionFailure.UNAUTHORIZED, null, Transport.TCP, null,
                NOW.plusSeconds(3));
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new GatewayMetrics(() -> List.of(playing, down), id -> id.equals("a") ? "yard" : "gate",
                Clock.fixed(NOW, ZoneOffset.UTC)));
        MetricSnapshots snapshots = registry.scrape();
        assertEquals(1.0, gauge(snapshots, "vigil_camera_up", "a"));
        assertEquals(0.0, gauge(snapshots, "vigil_camera_up", "b"));
        assertEquals(2.0, gauge(snapshots, "vigil_camera_seconds_since_last_frame", "a"));
        assertTrue(Double.isNaN(gauge(snapshots, "vigil_camera_seconds_since_last_frame", "b")));
        assertEquals(100.0, counter(snapshots, "vigil_camera_access_units", "a"));
        assertEquals(3.0, counter(snapshots, "vigil_camera_rtp_packets_lost", "a"));
        assertEquals(5.0, counter(snapshots, "vigil_camera_reconnects", "b"));
        CounterSnapshot limits = (CounterSnapshot) find(snapshots, "vigil_camera_limit_violations");
        assertEquals(1, limits.getDataPoints().size());
        assertEquals("access_unit_size", limits.getDataPoints().get(0).getLabels().get("limit"));
        assertEquals(2.0, limits.getDataPoints().get(0).getValue());
        GaugeSnapshot state = (GaugeSnapshot) find(snapshots, "vigil_camera_state");
        assertEquals(1.0, state.getDataPoints().stream()
                .filter(d -> d.getLabels().get("camera").equals("b") && d.getLabels().get("state").equals("backing_off"))
                .findFirst().orElseThrow().getValue());
        assertEquals("yard", state.getDataPoints().get(0).getLabels().get("site"));
    }

    @Test
    void aCamerasDetectStreamIsItsOwnSeries() {
        CameraHealth main = new CameraHealth(CameraId.of("a"), CameraState.PLAYING, NOW, NOW, 25, 4e6, 100, 4, 50_000,
                0, 0, 0, 0, null, null, "srv", Transport.TCP, null, null);
        CameraHealth detect = new CameraHealth(CameraId.of("a"), CameraState.BACKING_OFF, NOW, null, 0, 0, 7, 0, 0, 0,
                0, 0, 2, "camera a: timeout", SessionFailure.TIMEOUT, null, Transport.TCP, null, NOW.plusSeconds(3));
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new GatewayMetrics(java.util.Map.of("main", () -> List.of(main), "detect",
                () -> List.of(detect)), id -> "yard", Clock.fixed(NOW, ZoneOffset.UTC)));
        GaugeSnapshot up = (GaugeSnapshot) find(registry.scrape(), "vigil_camera_up");
        assertEquals(2, up.getDataPoints().size());
        for (var point : up.getDataPoints()) {
            assertEquals("a", point.getLabels().get("camera"));
            assertEquals(point.getLabels().get("stream").equals("main") ? 1.0 : 0.0, point.getValue());
        }
        CounterSnapshot units = (CounterSnapshot) find(registry.scrape(), "vigil_camera_access_units");
        assertEquals(7.0, units.getDataPoints().stream().filter(d -> d.getLabels().get("stream").equals("detect"))
                .findFirst().orElseThrow().getValue());
    }

    private static MetricSnapshot find(MetricSnapshots s, String name) {
        return s.stream().filter(m -> m.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    private static double gauge(MetricSnapshots s, String name, String camera) {
        return ((GaugeSnapshot) find(s, name)).getDataPoints().stream()
                .filter(d -> d.getLabels().get("camera").equals(camera)).findFirst().orElseThrow().getValue();
    }

    private static double counter(MetricSnapshots s, String name, String camera) {
        return ((CounterSnapshot) find(s, name)).getDataPoints().stream()
                .filter(d -> d.getLabels().get("camera").equals(camera)).findFirst().orElseThrow().getValue();
    }
}
