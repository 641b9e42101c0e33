package dev.vigil.analytics.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.analytics.detect.SyntheticScene;
import dev.vigil.analytics.rules.LineSegment;
import dev.vigil.analytics.rules.Polygon;
import dev.vigil.analytics.rules.Rule;
import dev.vigil.analytics.rules.Schedule;
import dev.vigil.core.model.AnalyticsEvent;
import dev.vigil.core.model.AnalyticsEventPhase;
import dev.vigil.core.model.AnalyticsEventType;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.NormalizedBox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The whole chain on synthetic scenes (5 fps), with a detector that knows where the objects are. */
class CameraAnalyzerTest {
    private static final CameraId CAM = CameraId.of("synthetic-1");
    private static final Instant T0 = Instant.parse("2026-01-05T12:00:00Z");
    private static final Duration NONE = Duration.ZERO;

    private static Instant at(int frame) {
        return T0.plusMillis(200L * frame);
    }

    private static final Rule ZONE = new Rule.ZoneIntrusion("right", "right half",
            Polygon.of(0.5, 0, 1, 0, 1, 1, 0.5, 1), Set.of("person"), Schedule.always(), NONE);
    private static final Rule LINE = new Rule.LineCrossing("middle", "middle line", LineSegment.of(0.5, 0.1, 0.5, 0.95),
            Set.of("person"), Optional.empty(), Schedule.always(), Duration.ofSeconds(10));
    private static final Rule TAMPER = new Rule.Tamper("tamper", Set.of(), Schedule.always(), NONE);

    @Test
    void framesWithoutMotionNeverRunTheDetectors() {
        SyntheticScene scene = new SyntheticScene(11);
        ScriptedDetector detector = new ScriptedDetector("person");
        List<AnalyticsEvent> events = new ArrayList<>();
        int[] parked = {420, 200, 40, 100, 30}; // a still object, there from the first frame
        try (CameraAnalyzer a = new CameraAnalyzer(CAM, AnalyzerConfig.defaults(), List.of(detector),
                List.of(ZONE, LINE, TAMPER), events::add)) {
            for (int f = 0; f < 60; f++) {
                FrameReport r = a.analyze(SyntheticScene.frame(CAM, at(f), scene.view(parked)));
                assertFalse(r.motion().hasMotion(), "frame " + f);
                assertEquals(0, r.detectorRuns());
            }
            AnalyzerStats s = a.stats();
            assertEquals(60, s.frames());
            assertEquals(60, s.framesSkipped());
            assertEquals(0, s.detectorRuns());
            assertEquals(0, detector.calls);
            // Now something moves: the detector runs, on that frame only around the motion.
            FrameReport r = a.analyze(SyntheticScene.frame(CAM, at(60), scene.view(parked, new int[] {100, 100, 30, 80, 230})));
            assertTrue(r.detectorRuns() > 0);
            assertEquals(r.detectorRuns(), detector.calls);
            assertTrue(r.examined().stream().allMatch(b -> b.area() < 0.2), r.examined().toString());
        }
        assertTrue(detector.closed, "the analyzer closes its detectors");
        assertTrue(events.isEmpty(), events.toString());
    }

    @Test
    void oneWalkerLeftToRightGivesOneCrossingOneIntrusionAndSnapshots() {
        SyntheticScene scene = new SyntheticScene(12);
        ScriptedDetector detector = new ScriptedDetector("person");
        List<AnalyticsEvent> events = new ArrayList<>();
        try (CameraAnalyzer a = new CameraAnalyzer(CAM, AnalyzerConfig.defaults(), List.of(detector),
                List.of(ZONE, LINE, TAMPER), events::add)) {
            for (int f = 0; f < 10; f++) {
                a.analyze(SyntheticScene.frame(CAM, at(f), scene.view()));
            }
            // A 30x80 walker from x=40 to x=580 at 12 px per frame (60 px/s at 5 fps), then off the picture.
            for (int f = 10; f < 70; f++) {
                int x = 40 + 12 * (f - 10);
                boolean visible = x + 30 <= SyntheticScene.WIDTH;
                int[] walker = {x, 180, 30, 80, 235};
                detector.truth(visible ? List.of(NormalizedBox.ofPixels(x, 180, 30, 80, 640, 360)) : List.of());
                a.analyze(SyntheticScene.frame(CAM, at(f), visible ? scene.view(walker) : scene.view()));
            }
            // Still scene again for 4 s: the track is looked for (motion where it left), missed, and ends.
            detector.truth(List.of());
            for (int f = 70; f < 90; f++) {
                a.analyze(SyntheticScene.frame(CAM, at(f), scene.view()));
            }
        }
        List<AnalyticsEvent> crossings = events.stream().filter(e -> e.type() == AnalyticsEventType.LINE_CROSSING).toList();
        assertEquals(2, crossings.size(), "START and END of one crossing: " + events);
        assertEquals("LEFT_TO_RIGHT", crossings.get(0).attributes().get("direction"));
        assertTrue(crossings.get(0).hasSnapshot() && crossings.get(1).hasSnapshot());
        List<AnalyticsEvent> intrusions = events.stream().filter(e -> e.type() == AnalyticsEventType.ZONE_INTRUSION).toList();
        assertEquals(List.of(AnalyticsEventPhase.START, AnalyticsEventPhase.END),
                intrusions.stream().map(AnalyticsEvent::phase).toList(), intrusions.toString());
        byte[] jpeg = intrusions.get(1).snapshotJpeg();
        assertEquals((byte) 0xFF, jpeg[0]);
        assertEquals((byte) 0xD8, jpeg[1]);
        assertTrue(events.stream().noneMatch(e -> e.type() == AnalyticsEventType.CAMERA_TAMPER), events.toString());
    }

    @Test
    void withMotionObjectsAMovingBlobIsAnObjectOfClassMotionWithoutAnyDetector() {
        SyntheticScene scene = new SyntheticScene(12);
        Rule zone = new Rule.ZoneIntrusion("right", "right half",
                Polygon.of(0.5, 0.0, 1.0, 0.0, 1.0, 1.0, 0.5, 1.0), Set.of("motion"), Schedule.always(), NONE);
        List<AnalyticsEvent> events = new ArrayList<>();
        int detectorless = 0;
        Rule line = new Rule.LineCrossing("middle", "middle line", LineSegment.of(0.5, 0.1, 0.5, 0.95), Set.of(),
                Optional.empty(), Schedule.always(), Duration.ofSeconds(10));
        try (CameraAnalyzer a = new CameraAnalyzer(CAM, AnalyzerConfig.defaults().withMotionObjects(true), List.of(),
                List.of(zone, line), events::add)) {
            for (int f = 0; f < 10; f++) {
                a.analyze(SyntheticScene.frame(CAM, at(f), scene.view()));
            }
            for (int f = 10; f < 70; f++) {
                int x = 40 + 12 * (f - 10);
                boolean visible = x + 30 <= SyntheticScene.WIDTH;
                int[] walker = {x, 180, 30, 80, 235};
                FrameReport r = a.analyze(SyntheticScene.frame(CAM, at(f), visible ? scene.view(walker) : scene.view()));
                detectorless += r.detectorRuns();
            }
            for (int f = 70; f < 90; f++) {
                a.analyze(SyntheticScene.frame(CAM, at(f), scene.view()));
            }
        }
        assertEquals(0, detectorless, "no object detector is configured");
        List<AnalyticsEvent> crossings = events.stream().filter(e -> e.type() == AnalyticsEventType.LINE_CROSSING).toList();
        assertEquals(2, crossings.size(), "START and END of one crossing: " + events);
        assertEquals("LEFT_TO_RIGHT", crossings.get(0).attributes().get("direction"));
        assertEquals("motion", crossings.get(0).objectClass());
        List<AnalyticsEvent> intrusions = events.stream().filter(e -> e.type() == AnalyticsEventType.ZONE_INTRUSION).toList();
        assertEquals(List.of(AnalyticsEventPhase.START, AnalyticsEventPhase.END),
                intrusions.stream().map(AnalyticsEvent::phase).toList(), intrusions.toString());
    }

    @Test
    void blackBlurredAndShiftedFramesGiveTheirTamperEventsAndNothingElse() {
        SyntheticScene scene = new SyntheticScene(13);
        ScriptedDetector detector = new ScriptedDetector("person");
        List<AnalyticsEvent> events = new ArrayList<>();
        int f = 0;
        try (CameraAnalyzer a = new CameraAnalyzer(CAM, AnalyzerConfig.defaults(), List.of(detector),
                List.of(ZONE, LINE, TAMPER), events::add)) {
            for (String kind : List.of("black", "blurred", "shifted")) {
                for (int i = 0; i < 50; i++, f++) { // 10 s normal
                    a.analyze(SyntheticScene.frame(CAM, at(f), scene.view()));
                }
                for (int i = 0; i < 50; i++, f++) { // 10 s tampered
                    byte[] grey = switch (kind) {
                        case "black" -> scene.black();
                        case "blurred" -> scene.withNoise(SyntheticScene.blurred(scene.view(0, 0, 0), 5));
                        default -> scene.view(40, 10, 2);
                    };
                    a.analyze(SyntheticScene.frame(CAM, at(f), grey));
                }
            }
            for (int i = 0; i < 50; i++, f++) {
                a.analyze(SyntheticScene.frame(CAM, at(f), scene.view()));
            }
        }
        assertEquals(List.of("START COVERED", "END COVERED", "START DEFOCUSED", "END DEFOCUSED", "START MOVED",
                "END MOVED"), events.stream().map(e -> e.phase() + " " + e.attributes().get("cause")).toList());
        assertTrue(events.stream().allMatch(AnalyticsEvent::hasSnapshot));
        // Covered from 2 s into the black part (persistence), ended 2 s after the picture came back.
        assertEquals(at(50 + 10), events.get(0).start());
        assertEquals(at(100 + 10), events.get(1).end());
    }

    @Test
    void aCarThatStopsIsHeldWithoutMotionAndRaisesStoppedObject() {
        SyntheticScene scene = new SyntheticScene(14);
        ScriptedDetector detector = new ScriptedDetector("car");
        Rule noStopping = new Rule.StoppedObject("no-stopping", "bus lane", Polygon.of(0.5, 0.3, 1, 0.3, 1, 1, 0.5, 1),
                Set.of(), Duration.ofSeconds(10), 0.25, Schedule.always(), NONE);
        List<AnalyticsEvent> events = new ArrayList<>();
        AnalyzerStats stats;
        try (CameraAnalyzer a = new CameraAnalyzer(CAM, AnalyzerConfig.defaults(), List.of(detector),
                List.of(noStopping), events::add)) {
            for (int f = 0; f < 10; f++) {
                a.analyze(SyntheticScene.frame(CAM, at(f), scene.view()));
            }
            // An 80x40 car drives in from the left at 20 px per frame and stops at x = 440 (frame 30).
            for (int f = 10; f < 150; f++) {
                int x = Math.min(440, 40 + 20 * (f - 10));
                detector.truth(List.of(NormalizedBox.ofPixels(x, 220, 80, 40, 640, 360)));
                a.analyze(SyntheticScene.frame(CAM, at(f), scene.view(new int[] {x, 220, 80, 40, 200})));
            }
            stats = a.stats();
        }
        // Once the running average has learned the parked car (about 4 s), there is no motion and no detector
        // call, yet the track is held; the stop starts at frame 30 (x = 440), so the event starts 10 s later,
        // sends its UPDATE 10 s after that (frame 130), and ends when the analyzer closes.
        assertTrue(stats.framesSkipped() > 60, stats.toString());
        assertEquals(List.of("START STOPPED_OBJECT", "UPDATE STOPPED_OBJECT", "END STOPPED_OBJECT"),
                events.stream().map(e -> e.phase() + " " + e.type()).toList());
        assertEquals(at(80), events.get(0).start());
        assertEquals("car", events.get(0).objectClass());
    }
}
