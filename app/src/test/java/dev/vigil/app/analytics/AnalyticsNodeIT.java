package dev.vigil.app.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.app.VigilNode;
import dev.vigil.core.config.ConfigLoader;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.model.AnalyticsEvent;
import dev.vigil.core.model.AnalyticsEventPhase;
import dev.vigil.core.model.AnalyticsEventType;
import dev.vigil.core.model.CameraId;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole node on its embedded services with the simulated cameras: their rules raise events
 * through the node's sink, a configured camera is analysed on its detect stream (a second RTSP
 * session) while its main stream is recorded, and /metrics counts it all.
 */
class AnalyticsNodeIT {
    @Test
    void simulatedCamerasAndADetectStreamRaiseEventsCountedInMetrics(@TempDir Path dir) throws Exception {
        int simPort;
        try (ServerSocket s = new ServerSocket(0)) {
            simPort = s.getLocalPort();
        }
        String yaml = """
                node: {dataDir: %s}
                simulator: {enabled: true, cameras: 2, port: %d}
                sites: [{id: yard, timeZone: Asia/Ho_Chi_Minh}]
                cameras:
                  - id: gate
                    site: yard
                    url: rtsp://127.0.0.1:%d/sim/cam-1
                    detectUrl: rtsp://127.0.0.1:%d/sim/cam-2
                    transport: tcp
                    record: {mode: events}
                    analytics:
                      detectors: [motion]
                      lines: [{name: middle, points: [[0.5, 0.05], [0.5, 0.95]]}]
                      rules: [{id: wrong-way, type: line-crossing, line: middle, allowed: right-to-left}]
                """.formatted(dir.resolve("data"), simPort, simPort, simPort);
        VigilConfig config = new ConfigLoader(Map.of("VIGIL_OBJECT_STORE_EMBEDDED_PORT", "0",
                "VIGIL_KAFKA_EMBEDDED_PORT", "0", "VIGIL_KAFKA_EMBEDDED_CONTROLLER_PORT", "0", "VIGIL_API_PORT", "0"))
                .loadYaml(yaml, "test.yml");
        List<AnalyticsEvent> events = new CopyOnWriteArrayList<>();
        try (VigilNode node = VigilNode.start(config, Map.of(), List.of(events::add))) {
            assertEquals(List.of(CameraId.of("gate"), CameraId.of("sim-1"), CameraId.of("sim-2")),
                    node.analytics().cameras().stream().sorted().toList());
            assertEquals(Set.of(CameraId.of("gate")), node.ingest().detectStreamHealth().keySet());
            // The walker crosses left to right once per 10 s loop: a crossing on each simulated camera and,
            // against the gate's allowed direction, a wrong-way event.
            long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            while (System.nanoTime() < deadline && !(ended(events, "sim-1", AnalyticsEventType.LINE_CROSSING)
                    && ended(events, "sim-2", AnalyticsEventType.LINE_CROSSING)
                    && ended(events, "sim-1", AnalyticsEventType.ZONE_INTRUSION)
                    && ended(events, "gate", AnalyticsEventType.WRONG_WAY))) {
                Thread.sleep(200);
            }
            assertTrue(ended(events, "sim-1", AnalyticsEventType.LINE_CROSSING), summary(events));
            assertTrue(ended(events, "sim-2", AnalyticsEventType.LINE_CROSSING), summary(events));
            assertTrue(ended(events, "sim-1", AnalyticsEventType.ZONE_INTRUSION), summary(events));
            assertTrue(ended(events, "gate", AnalyticsEventType.WRONG_WAY), summary(events));
            assertTrue(events.stream().noneMatch(e -> e.camera().value().equals("gate")
                    && e.type() == AnalyticsEventType.LINE_CROSSING), "left to right is never allowed: " + summary(events));
            String metrics = scrape(node);
            assertTrue(metrics.contains("vigil_analytics_events_total{camera=\"gate\",phase=\"end\",type=\"wrong_way\"}"),
                    metrics);
            assertTrue(metrics.matches("(?s).*vigil_analytics_decoded_frames_total\\{camera=\"gate\"} [1-9].*"), metrics);
            assertTrue(metrics.matches("(?s).*vigil_analytics_motion_frames_total\\{camera=\"sim-1\"} [1-9].*"), metrics);
        }
        // Closing the node ends what was open: every START has its END.
        Map<Object, Long> starts = events.stream().filter(e -> e.phase() == AnalyticsEventPhase.START)
                .collect(Collectors.groupingBy(AnalyticsEvent::id, Collectors.counting()));
        Set<Object> ends = events.stream().filter(e -> e.phase() == AnalyticsEventPhase.END).map(AnalyticsEvent::id)
                .collect(Collectors.toSet());
        assertEquals(starts.keySet(), ends, summary(events));
    }

    private static boolean ended(List<AnalyticsEvent> events, String camera, AnalyticsEventType type) {
        return events.stream().anyMatch(e -> e.camera().value().equals(camera) && e.type() == type
                && e.phase() == AnalyticsEventPhase.END);
    }

    private static String summary(List<AnalyticsEvent> events) {
        return events.stream().map(e -> e.camera() + " " + e.type() + " " + e.phase()).toList().toString();
    }

    private static String scrape(VigilNode node) throws Exception {
        String api = node.endpoints().get("api").split("\\s+")[0];
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }
}
