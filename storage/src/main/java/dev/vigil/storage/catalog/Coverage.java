package dev.vigil.storage.catalog;

import dev.vigil.core.error.VigilException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a camera recorded within a window: the intervals covered by segments and the gaps between
 * them. Together they tile the window in time order, covered and gap alternating.
 *
 * @param window the window asked about
 * @param covered merged covered intervals, in order, within the window
 * @param gaps the rest of the window, in order
 */
public record Coverage(Interval window, List<Interval> covered, List<Interval> gaps) {
    /** The default gap tolerance: segments cut at key frames leave sub-second seams. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(1);

    public Coverage {
        Objects.requireNonNull(window, "window");
        covered = List.copyOf(covered);
        gaps = List.copyOf(gaps);
    }

    /**
     * Merges segments into coverage of {@code window}. Pure.
     *
     * <p>Segments are clipped to the window and sorted by start; a segment that starts no later than
     * {@code tolerance} after the covered run so far ends joins it, so seams and gaps of at most
     * {@code tolerance} are not reported, including at the window's edges (a run that starts or
     * ends within {@code tolerance} of an edge is extended to it). Overlapping segments merge.
     *
     * @param segments the segments' intervals, any order, may overlap or lie outside the window
     * @param tolerance not negative
     */
    public static Coverage of(Interval window, List<Interval> segments, Duration tolerance) {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative()) {
            throw VigilException.invalid("gap tolerance must not be negative, was " + tolerance);
        }
        List<Interval> sorted = new ArrayList<>();
        for (Interval s : segments) {
            Instant start = s.start().isBefore(window.start()) ? window.start() : s.start();
            Instant end = s.end().isAfter(window.end()) ? window.end() : s.end();
            if (end.isAfter(start)) {
                sorted.add(new Interval(start, end));
            }
        }
        sorted.sort(Comparator.comparing(Interval::start).thenComparing(Interval::end));

        List<Interval> covered = new ArrayList<>();
        Instant runStart = null;
        Instant runEnd = null;
        for (Interval s : sorted) {
            if (runStart != null && !s.start().isAfter(runEnd.plus(tolerance))) {
                if (s.end().isAfter(runEnd)) {
                    runEnd = s.end();
                }
                continue;
            }
            if (runStart != null) {
                covered.add(new Interval(runStart, runEnd));
            }
            runStart = s.start();
            runEnd = s.end();
        }
        if (runStart != null) {
            covered.add(new Interval(runStart, runEnd));
        }
        if (!covered.isEmpty()) {
            Interval first = covered.get(0);
            if (!first.start().isAfter(window.start().plus(tolerance))) {
                covered.set(0, new Interval(window.start(), first.end()));
            }
            int lastIndex = covered.size() - 1;
            Interval last = covered.get(lastIndex);
            if (!last.end().plus(tolerance).isBefore(window.end())) {
                covered.set(lastIndex, new Interval(last.start(), window.end()));
            }
        }

        List<Interval> gaps = new ArrayList<>();
        Instant at = window.start();
        for (Interval c : covered) {
            if (c.start().isAfter(at)) {
                gaps.add(new Interval(at, c.start()));
            }
            at = c.end();
        }
        if (window.end().isAfter(at)) {
            gaps.add(new Interval(at, window.end()));
        }
        return new Coverage(window, covered, gaps);
    }

    /** Whether the whole window is covered. */
    public boolean complete() {
        return gaps.isEmpty();
    }

    /** The total length of the gaps. */
    public Duration missing() {
        return gaps.stream().map(Interval::duration).reduce(Duration.ZERO, Duration::plus);
    }
}
