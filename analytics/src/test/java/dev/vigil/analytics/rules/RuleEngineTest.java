package dev.vigil.analytics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.analytics.track.Track;
import dev.vigil.analytics.track.TrackState;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AnalyticsEvent;
import dev.vigil.core.model.AnalyticsEventPhase;
import dev.vigil.core.model.AnalyticsEventType;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.NormalizedBox;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Synthetic tracks with exact answers for every rule; frames 200 ms apart (5 fps). */
class RuleEngineTest {
    private static final CameraId CAM = CameraId.of("yard-1");
    private static final Instant T0 = Instant.parse("2026-01-05T12:00:00Z"); // a Monday
    private static final Polygon RIGHT_HALF = Polygon.of(0.5, 0.0, 1.0, 0.0, 1.0, 1.0, 0.5, 1.0);
    private static final Duration NONE = Duration.ZERO;

    private static Instant at(int frame) {
        return T0.plusMillis(200L * frame);
    }

    /** A confirmed track whose anchor (bottom centre) is at (x, y). */
    private static Track track(long id, String label, double x, double y, double confidence) {
        NormalizedBox box = new NormalizedBox(x - 0.025, y - 0.2, 0.05, 0.2);
        return new Track(id, label, box, confidence, confidence, TrackState.CONFIRMED, 5, 0, T0, T0);
    }

    private static Track person(long id, double x, double y) {
        return track(id, "person", x, y, 0.8);
    }

    private static List<AnalyticsEvent> sent(List<RuleTransition> steps) {
        List<AnalyticsEvent> out = new ArrayList<>();
        for (RuleTransition s : steps) {
            if (s.publish()) {
                out.add(s.event());
            }
        }
        return out;
    }

    private static long count(List<AnalyticsEvent> events, AnalyticsEventType type, AnalyticsEventPhase phase) {
        return events.stream().filter(e -> e.type() == type && e.phase() == phase).count();
    }

    @Test
    void oneObjectCrossingLeftToRightGivesExactlyOneCrossingThatWay() {
        RuleEngine engine = new RuleEngine(CAM, List.of(new Rule.LineCrossing("gate", "gate line",
                LineSegment.of(0.5, 0.2, 0.5, 0.9), Set.of("person"), Optional.empty(), Schedule.always(),
                Duration.ofSeconds(10))), Duration.ofSeconds(10));
        List<AnalyticsEvent> events = new ArrayList<>();
        for (int f = 0; f <= 40; f++) {
            events.addAll(sent(engine.evaluate(List.of(person(1, 0.1 + 0.02 * f, 0.6)), Set.of(), at(f))));
        }
        assertEquals(2, events.size(), events.toString());
        AnalyticsEvent start = events.get(0);
        assertEquals(AnalyticsEventPhase.START, start.phase());
        assertEquals(AnalyticsEventType.LINE_CROSSING, start.type());
        assertEquals("LEFT_TO_RIGHT", start.attributes().get("direction"));
        assertEquals("1", start.attributes().get("count"));
        assertEquals(1, start.trackId());
        assertEquals("gate line", start.zone());
        AnalyticsEvent end = events.get(1);
        assertEquals(AnalyticsEventPhase.END, end.phase());
        assertEquals(start.id(), end.id());
        assertEquals(start.start(), end.end(), "an instant event ends when it starts");
        // Anchor x = 0.1 + 0.02 f passes 0.5 between frames 19 (0.48) and 21 (0.52); at frame 20 it is on the line.
        assertEquals(at(21), start.start());
    }

    @Test
    void ditheringOnTheLineCountsOnceWithinTheCooldownAndWrongWayIsFlagged() {
        RuleEngine engine = new RuleEngine(CAM, List.of(new Rule.LineCrossing("oneway", "exit",
                LineSegment.of(0.5, 0.0, 0.5, 1.0), Set.of(), Optional.of(CrossingDirection.LEFT_TO_RIGHT),
                Schedule.always(), Duration.ofSeconds(5))), Duration.ofSeconds(10));
        double[] xs = {0.45, 0.55, 0.45, 0.55, 0.45}; // over, back, over, back within 0.8 s
        List<AnalyticsEvent> events = new ArrayList<>();
        for (int f = 0; f < xs.length; f++) {
            events.addAll(sent(engine.evaluate(List.of(person(1, xs[f], 0.5)), Set.of(), at(f))));
        }
        assertEquals(1, count(events, AnalyticsEventType.LINE_CROSSING, AnalyticsEventPhase.START));
        assertEquals(0, count(events, AnalyticsEventType.WRONG_WAY, AnalyticsEventPhase.START));
        // A second person walks the wrong way.
        events.clear();
        events.addAll(sent(engine.evaluate(List.of(person(2, 0.6, 0.5)), Set.of(), at(10))));
        events.addAll(sent(engine.evaluate(List.of(person(2, 0.4, 0.5)), Set.of(), at(11))));
        assertEquals(1, count(events, AnalyticsEventType.WRONG_WAY, AnalyticsEventPhase.START));
        assertEquals("RIGHT_TO_LEFT", events.get(0).attributes().get("direction"));
        assertEquals("1", events.get(0).attributes().get("count"));
    }

    @Test
    void zoneIntrusionStartsOnEntryAndEndsOnExitOrWhenTheTrackIsGone() {
        RuleEngine engine = new RuleEngine(CAM, List.of(new Rule.ZoneIntrusion("keep-out", "cordon", RIGHT_HALF,
                Set.of("person"), Schedule.always(), NONE)), Duration.ofSeconds(10));
        List<AnalyticsEvent> events = new ArrayList<>();
        events.addAll(sent(engine.evaluate(List.of(person(1, 0.3, 0.5)), Set.of(), at(0))));
        assertTrue(events.isEmpty());
        events.addAll(sent(engine.evaluate(List.of(person(1, 0.6, 0.5), track(2, "car", 0.7, 0.5, 0.9)), Set.of(),
                at(1))));
        assertEquals(1, events.size(), "the car is not a watched class");
        assertEquals(AnalyticsEventPhase.START, events.get(0).phase());
        events.addAll(sent(engine.evaluate(List.of(person(1, 0.7, 0.5)), Set.of(), at(2))));
        assertEquals(1, events.size(), "no UPDATE before the update interval");
        events.addAll(sent(engine.evaluate(List.of(), Set.of(), at(3))));
        assertEquals(2, events.size());
        AnalyticsEvent end = events.get(1);
        assertEquals(AnalyticsEventPhase.END, end.phase());
        assertEquals(at(1), end.start());
        assertEquals(at(3), end.end());
        assertEquals(0, engine.openEvents());
    }

    @Test
    void lastingEventsUpdateEveryInterval() {
        RuleEngine engine = new RuleEngine(CAM, List.of(new Rule.ZoneIntrusion("z", "zone", RIGHT_HALF, Set.of(),
                Schedule.always(), NONE)), Duration.ofSeconds(1));
        List<AnalyticsEvent> events = new ArrayList<>();
        for (int f = 0; f <= 10; f++) { // 2 s in the zone
            events.addAll(sent(engine.evaluate(List.of(person(1, 0.7, 0.5)), Set.of(), at(f))));
        }
        assertEquals(1, count(events, AnalyticsEventType.ZONE_INTRUSION, AnalyticsEventPhase.START));
        assertEquals(2, count(events, AnalyticsEventType.ZONE_INTRUSION, AnalyticsEventPhase.UPDATE));
        events.addAll(sent(engine.close(at(11))));
        assertEquals(1, count(events, AnalyticsEventType.ZONE_INTRUSION, AnalyticsEventPhase.END));
    }

    @Test
    void cooldownHoldsBackANewEventAboutTheSameTrack() {
        RuleEngine engine = new RuleEngine(CAM, List.of(new Rule.ZoneIntrusion("z", "zone", RIGHT_HALF, Set.of(),
                Schedule.always(), Duration.ofSeconds(2))), Duration.ofSeconds(10));
        List<AnalyticsEvent> events = new ArrayList<>();
        double[] xs = {0.7, 0.3, 0.7, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.7};
        for (int f = 0; f < xs.length; f++) {
            events.addAll(sent(engine.evaluate(List.of(person(1, xs[f], 0.5)), Set.of(), at(f))));
        }
        // In at 0 (START), out at 1 (END), in at 2: cooling down until 1 + 2 s = frame 11; in again at 12: START.
        assertEquals(2, count(events, AnalyticsEventType.ZONE_INTRUSION, AnalyticsEventPhase.START));
        assertEquals(at(12), events.get(2).start());
    }

    @Test
    void loiteringStartsAfterTheDwellAndLeavingResetsIt() {
        RuleEngine engine = new RuleEngine(CAM, List.of(new Rule.Loitering("loiter", "bench", RIGHT_HALF, Set.of(),
                Duration.ofSeconds(3), Schedule.always(), NONE)), Duration.ofSeconds(60));
        List<AnalyticsEvent> events = new ArrayList<>();
        for (int f = 0; f < 10; f++) { // 1.8 s inside
            events.addAll(sent(engine.evaluate(List.of(person(1, 0.7, 0.5)), Set.of(), at(f))));
        }
        events.addAll(sent(engine.evaluate(List.of(person(1, 0.3, 0.5)), Set.of(), at(10)))); // steps out
        for (int f = 11; f <= 40; f++) { // back in from frame 11: 3 s later is frame 26
            events.addAll(sent(engine.evaluate(List.of(person(1, 0.7, 0.5)), Set.of(), at(f))));
        }
        assertEquals(1, events.size(), events.toString());
        assertEquals(AnalyticsEventType.LOITERING, events.get(0).type());
        assertEquals(at(26), events.get(0).start());
        assertEquals("3", events.get(0).attributes().get("dwellSeconds"));
    }

    @Test
    void crowdingStartsAtTheThresholdUpdatesOnEachCountAndEndsBelowIt() {
        RuleEngine engine = new RuleEngine(CAM, List.of(new Rule.Crowding("crowd", "square", RIGHT_HALF,
                Set.of("person"), 3, Schedule.always(), NONE)), Duration.ofSeconds(60));
        int[] people = {1, 2, 3, 3, 4, 4, 3, 2, 2};
        List<AnalyticsEvent> events = new ArrayList<>();
        for (int f = 0; f < people.length; f++) {
            List<Track> tracks = new ArrayList<>();
            for (int i = 0; i < people[f]; i++) {
                tracks.add(person(i + 1, 0.55 + 0.1 * i, 0.5));
            }
            tracks.add(person(99, 0.2, 0.5)); // outside the zone, never counted
            events.addAll(sent(engine.evaluate(tracks, Set.of(), at(f))));
        }
        assertEquals(List.of("START 3", "UPDATE 4", "UPDATE 3", "END 3"),
                events.stream().map(e -> e.phase() + " " + e.attributes().get("count")).toList());
        assertEquals(AnalyticsEvent.NO_TRACK, events.get(0).trackId());
        assertEquals(3, events.get(0).boxes().size());
        assertEquals(at(7), events.get(3).end());
    }

    @Test
    void stoppedVehicleAfterItsTimeNotAMovingOneNorAPerson() {
        RuleEngine engine = new RuleEngine(CAM, List.of(new Rule.StoppedObject("stop", "no stopping", RIGHT_HALF,
                Set.of(), Duration.ofSeconds(2), 0.25, Schedule.always(), NONE)), Duration.ofSeconds(60));
        List<AnalyticsEvent> events = new ArrayList<>();
        for (int f = 0; f <= 30; f++) {
            double carX = f < 5 ? 0.55 + 0.05 * f : 0.8 + 0.001 * (f % 2); // drives in, stops at frame 5, jitters
            List<Track> tracks = List.of(track(1, "car", carX, 0.6, 0.7), track(2, "truck", 0.52 + 0.01 * f, 0.8, 0.7),
                    person(3, 0.9, 0.9));
            events.addAll(sent(engine.evaluate(tracks, Set.of(), at(f))));
        }
        // The truck moves 0.01 per frame, 0.05 box heights: under 0.25, yet it moves away from where it "stopped":
        // after 6 frames (0.06 > 0.25 * 0.2 = 0.05) it resets, so it never stands 2 s.
        assertEquals(1, events.size(), events.toString());
        assertEquals(1, events.get(0).trackId());
        assertEquals(AnalyticsEventType.STOPPED_OBJECT, events.get(0).type());
        assertEquals(at(15), events.get(0).start(), "stopped at frame 5, 2 s later");
    }

    @Test
    void tamperCausesStartAndEndOnePerCause() {
        RuleEngine engine = new RuleEngine(CAM, List.of(new Rule.Tamper("tamper", Set.of(), Schedule.always(),
                NONE)), Duration.ofSeconds(60));
        List<AnalyticsEvent> events = new ArrayList<>();
        events.addAll(sent(engine.evaluate(List.of(), Set.of(TamperCause.COVERED), at(0))));
        events.addAll(sent(engine.evaluate(List.of(), Set.of(TamperCause.COVERED), at(1))));
        events.addAll(sent(engine.evaluate(List.of(), Set.of(), at(2))));
        assertEquals(List.of("START COVERED", "END COVERED"),
                events.stream().map(e -> e.phase() + " " + e.attributes().get("cause")).toList());
        assertFalse(engine.needsObjects());
    }

    @Test
    void scheduleKeepsRulesQuietOutsideTheirWindowAndEndsOpenEventsWhenItCloses() {
        Schedule noon = new Schedule(ZoneOffset.UTC, List.of(new Schedule.Window(EnumSet.of(DayOfWeek.MONDAY),
                LocalTime.of(12, 0), LocalTime.of(12, 0, 1))));
        RuleEngine engine = new RuleEngine(CAM, List.of(new Rule.ZoneIntrusion("z", "zone", RIGHT_HALF, Set.of(),
                noon, NONE)), Duration.ofSeconds(60));
        List<AnalyticsEvent> events = new ArrayList<>();
        for (int f = 0; f < 10; f++) {
            events.addAll(sent(engine.evaluate(List.of(person(1, 0.7, 0.5)), Set.of(), at(f))));
        }
        assertEquals(List.of(AnalyticsEventPhase.START, AnalyticsEventPhase.END),
                events.stream().map(AnalyticsEvent::phase).toList());
        assertEquals(at(5), events.get(1).end(), "the window closes at 12:00:01");
        assertNull(events.get(0).end());
    }

    @Test
    void tentativeTracksAreIgnored() {
        RuleEngine engine = new RuleEngine(CAM, List.of(new Rule.ZoneIntrusion("z", "zone", RIGHT_HALF, Set.of(),
                Schedule.always(), NONE)), Duration.ofSeconds(60));
        Track tentative = new Track(1, "person", new NormalizedBox(0.6, 0.3, 0.05, 0.2), 0.9, 0.9,
                TrackState.TENTATIVE, 1, 0, T0, T0);
        assertTrue(engine.evaluate(List.of(tentative), Set.of(), at(0)).isEmpty());
    }

    @Test
    void bestFrameFollowsTheHighestConfidenceWithoutExtraSteps() {
        RuleEngine engine = new RuleEngine(CAM, List.of(new Rule.ZoneIntrusion("z", "zone", RIGHT_HALF, Set.of(),
                Schedule.always(), NONE)), Duration.ofSeconds(60));
        engine.evaluate(List.of(track(1, "person", 0.7, 0.5, 0.5)), Set.of(), at(0));
        List<RuleTransition> steps = engine.evaluate(List.of(track(1, "person", 0.7, 0.5, 0.9)), Set.of(), at(1));
        assertEquals(1, steps.size());
        assertTrue(steps.get(0).bestImproved());
        assertFalse(steps.get(0).publish());
        assertTrue(engine.evaluate(List.of(track(1, "person", 0.7, 0.5, 0.6)), Set.of(), at(2)).isEmpty());
        List<AnalyticsEvent> end = sent(engine.evaluate(List.of(), Set.of(), at(3)));
        assertEquals(0.9, end.get(0).confidence(), 1e-9);
    }

    @Test
    void duplicateRuleIdsAreRefused() {
        Rule a = new Rule.ZoneIntrusion("z", "zone", RIGHT_HALF, Set.of(), Schedule.always(), NONE);
        VigilException e = assertThrows(VigilException.class,
                () -> new RuleEngine(CAM, List.of(a, a), Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("yard-1"), e.getMessage());
    }
}
