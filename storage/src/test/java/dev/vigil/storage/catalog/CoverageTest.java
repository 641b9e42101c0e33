package dev.vigil.storage.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.VigilException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageTest {
    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
    private static final Interval HOUR = Interval.of(T, T.plusSeconds(3600));
    private static final Duration ONE_SECOND = Coverage.DEFAULT_TOLERANCE;

    @Test
    void seamsWithinTheToleranceMergeAndLongerGapsAreReported() {
        List<Interval> segments = List.of(
                seg(0, 60), seg(60.4, 120), seg(121, 180), // seams of 0.4 s and 1 s: merged
                seg(210, 300),                             // 30 s gap before
                seg(300, 3600));
        Coverage c = Coverage.of(HOUR, segments, ONE_SECOND);
        assertEquals(List.of(seg(0, 180), seg(210, 3600)), c.covered());
        assertEquals(List.of(seg(180, 210)), c.gaps());
        assertEquals(Duration.ofSeconds(30), c.missing());
        assertFalse(c.complete());
    }

    @Test
    void withZeroToleranceEverySeamIsAGap() {
        Coverage c = Coverage.of(HOUR, List.of(seg(0, 60), seg(60.4, 3600)), Duration.ZERO);
        assertEquals(List.of(seg(60, 60.4)), c.gaps());
    }

    @Test
    void segmentsAreClippedToTheWindowAndMayComeInAnyOrderAndOverlap() {
        Coverage c = Coverage.of(HOUR, List.of(seg(1800, 4000), seg(-50, 100), seg(90, 200), seg(150, 160)), ONE_SECOND);
        assertEquals(List.of(seg(0, 200), seg(1800, 3600)), c.covered());
        assertEquals(List.of(seg(200, 1800)), c.gaps());
    }

    @Test
    void shortGapsAtTheEdgesAreAbsorbedLongOnesReported() {
        Coverage edges = Coverage.of(HOUR, List.of(seg(0.5, 3599.2)), ONE_SECOND);
        assertTrue(edges.complete());
        assertEquals(List.of(HOUR), edges.covered());
        Coverage late = Coverage.of(HOUR, List.of(seg(10, 3500)), ONE_SECOND);
        assertEquals(List.of(seg(0, 10), seg(3500, 3600)), late.gaps());
    }

    @Test
    void nothingRecordedIsOneGap() {
        Coverage c = Coverage.of(HOUR, List.of(), ONE_SECOND);
        assertEquals(List.of(), c.covered());
        assertEquals(List.of(HOUR), c.gaps());
        assertEquals(List.of(HOUR), Coverage.of(HOUR, List.of(seg(-100, -10), seg(3700, 3800)), ONE_SECOND).gaps());
    }

    @Test
    void aNegativeToleranceIsInvalid() {
        assertThrows(VigilException.class, () -> Coverage.of(HOUR, List.of(), Duration.ofSeconds(-1)));
        assertThrows(VigilException.class, () -> Interval.of(T, T.minusSeconds(1)));
    }

    private static Interval seg(double from, double to) {
        return Interval.of(T.plusMillis(Math.round(from * 1000)), T.plusMillis(Math.round(to * 1000)));
    }
}
