package dev.vigil.storage.catalog;

import dev.vigil.core.error.VigilException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A half-open time interval {@code [start, end)}.
 *
 * @param start first instant
 * @param end not before {@code start}; equal means empty
 */
public record Interval(Instant start, Instant end) {
    public Interval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw VigilException.invalid("interval end " + end + " is before its start " + start);
        }
    }

    public static Interval of(Instant start, Instant end) {
        return new Interval(start, end);
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
