package dev.vigil.analytics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.VigilException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GeometryTest {
    private static NormalizedPoint p(double x, double y) {
        return new NormalizedPoint(x, y);
    }

    @Test
    void polygonContainsInsideNotOutside() {
        Polygon square = Polygon.of(0.2, 0.2, 0.6, 0.2, 0.6, 0.6, 0.2, 0.6);
        assertTrue(square.contains(p(0.4, 0.4)));
        assertFalse(square.contains(p(0.1, 0.4)));
        assertFalse(square.contains(p(0.7, 0.7)));
        // A concave "L": the notch is outside.
        Polygon ell = Polygon.of(0.1, 0.1, 0.5, 0.1, 0.5, 0.3, 0.3, 0.3, 0.3, 0.9, 0.1, 0.9);
        assertTrue(ell.contains(p(0.2, 0.8)));
        assertFalse(ell.contains(p(0.4, 0.6)));
        assertThrows(VigilException.class, () -> Polygon.of(0.1, 0.1, 0.2, 0.2));
    }

    @Test
    void verticalLineNamesHorizontalMoves() {
        LineSegment line = LineSegment.of(0.5, 0.1, 0.5, 0.9);
        assertEquals(Optional.of(CrossingDirection.LEFT_TO_RIGHT), line.crossing(p(0.4, 0.5), p(0.6, 0.5)));
        assertEquals(Optional.of(CrossingDirection.RIGHT_TO_LEFT), line.crossing(p(0.6, 0.5), p(0.4, 0.5)));
        // Drawn the other way round, the names stay the picture's.
        LineSegment reversed = LineSegment.of(0.5, 0.9, 0.5, 0.1);
        assertEquals(Optional.of(CrossingDirection.LEFT_TO_RIGHT), reversed.crossing(p(0.4, 0.5), p(0.6, 0.5)));
        // Passing beyond the segment's end is no crossing; nor is staying on one side or ending on it.
        assertEquals(Optional.empty(), line.crossing(p(0.4, 0.95), p(0.6, 0.95)));
        assertEquals(Optional.empty(), line.crossing(p(0.4, 0.5), p(0.45, 0.2)));
        assertEquals(Optional.empty(), line.crossing(p(0.4, 0.5), p(0.5, 0.5)));
    }

    @Test
    void horizontalLineNamesVerticalMoves() {
        LineSegment line = LineSegment.of(0.1, 0.5, 0.9, 0.5);
        assertEquals(Optional.of(CrossingDirection.TOP_TO_BOTTOM), line.crossing(p(0.5, 0.4), p(0.5, 0.6)));
        assertEquals(Optional.of(CrossingDirection.BOTTOM_TO_TOP), line.crossing(p(0.5, 0.6), p(0.3, 0.4)));
    }

    @Test
    void scheduleWindowsIncludingOverMidnight() {
        ZoneId zone = ZoneId.of("Europe/Berlin");
        Schedule nights = new Schedule(zone, List.of(new Schedule.Window(EnumSet.of(DayOfWeek.FRIDAY),
                LocalTime.of(22, 0), LocalTime.of(6, 0))));
        // 2026-01-02 is a Friday; Berlin is UTC+1 in winter.
        assertTrue(nights.isArmed(Instant.parse("2026-01-02T21:30:00Z")));
        assertTrue(nights.isArmed(Instant.parse("2026-01-03T04:59:00Z")));
        assertFalse(nights.isArmed(Instant.parse("2026-01-03T05:00:00Z")));
        assertFalse(nights.isArmed(Instant.parse("2026-01-02T20:59:00Z")));
        assertTrue(Schedule.always().isArmed(Instant.EPOCH));
    }
}
