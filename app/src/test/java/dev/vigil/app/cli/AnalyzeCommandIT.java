package dev.vigil.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.app.Main;
import dev.vigil.app.sim.SimulatedCameras;
import dev.vigil.core.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./vigil analyze} in-process: on the shared vtest footage (people walking past a cordon)
 * with a zone and a line, on the simulated camera over RTSP, and with bad input.
 */
class AnalyzeCommandIT {
    private static final Path VTEST = Path.of("..", "..", "shared", "media", "vtest-h264.mp4");
    /** The footpath the walkers follow, and a line across it (the zone and line of analytics' VtestAnalyticsIT). */
    private static final String VTEST_CAMERA = """
            id: yard-cam            # ignored, as are site and url
            site: somewhere
            analytics:
              detectors: [hog]
              upscale: 1.5
              zones: [{name: path, points: [[0.05, 0.33], [0.45, 0.33], [0.45, 0.56], [0.05, 0.48]]}]
              lines: [{name: path-line, points: [[0.298, 0.2], [0.298, 0.75]]}]
              rules:
                - {id: path, type: intrusion, zone: path, classes: [person]}
                - {id: count, type: line-crossing, line: path-line, classes: [person]}
            """;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return Main.cli().run(args, console);
    }

    private List<JsonNode> events() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                events.add(mapper.readTree(line));
            }
        }
        return events;
    }

    @Test
    void vtestFootageGivesIntrusionsOnThePathAndCrossingsOfItsLine(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(VTEST), "skipped: test footage " + VTEST.toAbsolutePath() + " is absent");
        Path camera = Files.writeString(dir.resolve("camera.yml"), VTEST_CAMERA);
        Path snapshots = dir.resolve("snapshots");
        assertEquals(Cli.OK, run("analyze", VTEST.toString(), "--camera-config", camera.toString(), "--json",
                "--seconds", "30", "--snapshots", snapshots.toString()), err.toString(StandardCharsets.UTF_8));
        List<JsonNode> events = events();
        List<JsonNode> intrusions = events.stream().filter(e -> e.get("type").asText().equals("zone_intrusion")).toList();
        List<JsonNode> crossings = events.stream().filter(e -> e.get("type").asText().equals("line_crossing")).toList();
        // In the first 30 s about half a dozen people walk along the path (counted by eye); the HOG
        // detector misses some in the shade and the tracker may split one walker into two tracks,
        // hence ranges rather than exact counts.
        assertTrue(intrusions.size() >= 2 && intrusions.size() <= 20, "intrusions: " + intrusions);
        assertTrue(crossings.size() >= 1 && crossings.size() <= 20, "crossings: " + crossings);
        for (JsonNode e : events) {
            assertEquals("person", e.get("class").asText(), e.toString());
            assertTrue(e.get("rule").asText().equals("path") || e.get("rule").asText().equals("count"), e.toString());
            assertTrue(e.get("trackId").asLong() > 0, e.toString());
            assertTrue(e.get("confidence").asDouble() > 0 && e.get("confidence").asDouble() <= 1, e.toString());
            assertTrue(e.get("start").asText().compareTo(e.get("end").asText()) <= 0, e.toString());
            assertTrue(e.get("end").asText().compareTo("1970-01-01T00:00:30.5Z") < 0, "within --seconds: " + e);
            for (JsonNode b : e.get("boxes")) {
                for (String k : List.of("x", "y", "w", "h")) {
                    assertTrue(b.get(k).asDouble() >= 0 && b.get(k).asDouble() <= 1, e.toString());
                }
            }
            byte[] jpeg = Files.readAllBytes(Path.of(e.get("snapshot").asText()));
            assertEquals((byte) 0xFF, jpeg[0]);
            assertEquals((byte) 0xD8, jpeg[1]);
        }
        for (JsonNode c : crossings) {
            String direction = c.at("/attributes/direction").asText();
            assertTrue(direction.equals("LEFT_TO_RIGHT") || direction.equals("RIGHT_TO_LEFT"), c.toString());
        }
    }

    @Test
    void theSimulatedCameraOverRtspGivesMotionCrossings(@TempDir Path dir) throws Exception {
        Path camera = Files.writeString(dir.resolve("camera.yml"), """
                analytics:
                  detectors: [motion]
                  lines: [{name: middle, points: [[0.5, 0.05], [0.5, 0.95]]}]
                  rules: [{id: middle, type: line-crossing, line: middle, allowed: left-to-right}]
                """);
        var simulator = new ConfigLoader(Map.of("VIGIL_SIMULATOR_ENABLED", "true", "VIGIL_SIMULATOR_PORT", "0",
                "VIGIL_SIMULATOR_CAMERAS", "1")).load().simulator();
        try (SimulatedCameras cameras = SimulatedCameras.start(simulator)) {
            // The walker crosses once per 10 s loop, left to right: 25 s see at least one whole loop after
            // connecting, learning the background and the first key frame, even on a loaded machine.
            assertEquals(Cli.OK, run("analyze", cameras.urls().get(0), "--camera-config", camera.toString(), "--json",
                    "--seconds", "25"), err.toString(StandardCharsets.UTF_8));
        }
        List<JsonNode> events = events();
        assertTrue(!events.isEmpty() && events.size() <= 3, events.toString());
        for (JsonNode e : events) {
            assertEquals("line_crossing", e.get("type").asText(), "allowed direction: a crossing, never wrong-way");
            assertEquals("LEFT_TO_RIGHT", e.at("/attributes/direction").asText());
            assertEquals("motion", e.get("class").asText());
        }
    }

    @Test
    void aBadCameraConfigIsExit2WithItsKeyPathAndAMissingFileIsExit3(@TempDir Path dir) throws Exception {
        Path camera = Files.writeString(dir.resolve("camera.yml"), """
                analytics:
                  rules: [{id: r, type: intrusion, zone: nowhere}]
                """);
        assertEquals(Cli.USAGE, run("analyze", "x.mp4", "--camera-config", camera.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("analytics.rules[r].zone: no zone named 'nowhere'"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(3, run("analyze", dir.resolve("missing.mp4").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot read"), err.toString(StandardCharsets.UTF_8));
        Path notVideo = Files.writeString(dir.resolve("not-video.mp4"), "hello");
        int status = run("analyze", notVideo.toString());
        assertTrue(status == 3 || status == 4, "status " + status + ": " + err.toString(StandardCharsets.UTF_8));
    }
}
