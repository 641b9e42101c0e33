package dev.vigil.core.model;

import dev.vigil.core.error.VigilException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A half-open span of wall-clock time, {@code [start, end)}, as the API's search, playback and
 * export speak of it.
 *
 * @param start first instant
 * @param end not before {@code start}; equal means empty
 */
public record TimeRange(Instant start, Instant end) {
    public TimeRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw VigilException.invalid("time range end " + end + " is before its start " + start);
        }
    }

    public static TimeRange of(Instant start, Instant end) {
        return new TimeRange(start, end);
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    /** Whether the two share an instant (touching ends do not). */
    public boolean overlaps(TimeRange other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
