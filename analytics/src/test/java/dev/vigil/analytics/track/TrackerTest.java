package dev.vigil.analytics.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.analytics.detect.Detection;
import dev.vigil.core.model.NormalizedBox;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Detection person(double x, double y) {
        return new Detection("person", 0.9, new NormalizedBox(x, y, 0.05, 0.2));
    }

    private static Instant at(int frame) {
        return T0.plusMillis(200L * frame);
    }

    @Test
    void twoWalkersKeepTheirIdsAndConfirmAfterThreeHits() {
        Tracker tracker = new Tracker(TrackerConfig.defaults());
        List<Track> tracks = List.of();
        for (int f = 0; f < 10; f++) {
            tracks = tracker.update(List.of(person(0.1 + 0.02 * f, 0.3), person(0.8 - 0.02 * f, 0.5)), null, at(f));
            if (f == 1) {
                assertTrue(tracks.stream().noneMatch(Track::confirmed), "two hits are not enough");
            }
        }
        assertEquals(2, tracks.size());
        assertEquals(1, tracks.get(0).id());
        assertEquals(2, tracks.get(1).id());
        assertTrue(tracks.get(0).box().x() < 0.3, "track 1 is still the one that started on the left");
        assertTrue(tracks.stream().allMatch(Track::confirmed));
        assertEquals(10, tracks.get(0).hits());
    }

    @Test
    void aFastObjectMatchesByCentroidWhenBoxesNoLongerOverlap() {
        Tracker tracker = new Tracker(TrackerConfig.defaults());
        // 0.04 per frame with a 0.05-wide box: IoU 0.11, below 0.3; centres well within one diagonal.
        for (int f = 0; f < 5; f++) {
            tracker.update(List.of(person(0.1 + 0.04 * f, 0.3)), null, at(f));
        }
        List<Track> tracks = tracker.tracks();
        assertEquals(1, tracks.size());
        assertEquals(5, tracks.get(0).hits());
    }

    @Test
    void classesNeverMatchEachOther() {
        Tracker tracker = new Tracker(TrackerConfig.defaults());
        tracker.update(List.of(person(0.1, 0.3)), null, at(0));
        List<Track> tracks = tracker.update(
                List.of(new Detection("car", 0.9, new NormalizedBox(0.1, 0.3, 0.05, 0.2))), null, at(1));
        assertEquals(2, tracks.size());
    }

    @Test
    void trackEndsAfterMaxMissesWhenLookedFor() {
        Tracker tracker = new Tracker(new TrackerConfig(0.3, 1.0, 1, 2, 0.08));
        tracker.update(List.of(person(0.1, 0.3)), null, at(0));
        assertEquals(1, tracker.update(List.of(), null, at(1)).size());
        assertEquals(1, tracker.update(List.of(), null, at(2)).size());
        assertEquals(0, tracker.update(List.of(), null, at(3)).size(), "third miss in a row ends it");
    }

    @Test
    void stillTrackNotLookedForIsHeldNotMissed() {
        Tracker tracker = new Tracker(new TrackerConfig(0.3, 1.0, 1, 2, 0.08));
        tracker.update(List.of(person(0.1, 0.3)), null, at(0));
        tracker.update(List.of(person(0.101, 0.3)), null, at(1)); // jitter: 0.005 diagonals
        // Detectors looked only at the right half (motion there); the person on the left stands still.
        List<NormalizedBox> rightHalf = List.of(new NormalizedBox(0.5, 0, 0.5, 1));
        for (int f = 2; f < 20; f++) {
            List<Track> tracks = tracker.update(List.of(), rightHalf, at(f));
            assertEquals(1, tracks.size());
            assertEquals(0, tracks.get(0).misses());
        }
    }

    @Test
    void movingTrackNotSeenIsMissedEvenWhereNobodyLooked() {
        Tracker tracker = new Tracker(new TrackerConfig(0.3, 1.0, 1, 2, 0.08));
        tracker.update(List.of(person(0.1, 0.3)), null, at(0));
        tracker.update(List.of(person(0.12, 0.3)), null, at(1)); // 0.1 diagonals per frame: walking
        List<NormalizedBox> nowhere = List.of();
        assertEquals(1, tracker.update(List.of(), nowhere, at(2)).size());
        assertEquals(1, tracker.update(List.of(), nowhere, at(3)).size());
        assertEquals(0, tracker.update(List.of(), nowhere, at(4)).size(), "walked out of the picture: ended");
    }
}
