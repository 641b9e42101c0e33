package dev.vigil.analytics.decode;

/**
 * Picks which decoded pictures are analysed: at most {@code fps} per second of presentation time,
 * on a fixed grid so that the average rate is exact whatever the source rate, with a tolerance for
 * timestamp jitter of a quarter interval, at most 10 ms. After a gap, or when time runs backwards (a reopened
 * stream), the grid restarts at the picture taken, so a gap never causes a burst. A source slower
 * than {@code fps} has every picture taken.
 *
 * <p>Not thread-safe: one per camera decoder, confined to it.
 */
final class FrameSampler {
    /** 10 ms: RTP timestamps derived from a wall clock jitter by a few milliseconds. */
    private static final long MAX_TOLERANCE = 900;

    private final long interval;
    private final long tolerance;
    private long nextDue;
    private boolean started;

    FrameSampler(int fps) {
        if (fps < 1 || fps > 90_000) {
            throw new IllegalArgumentException("fps must be 1-90000, was " + fps);
        }
        this.interval = 90_000L / fps;
        this.tolerance = Math.min(interval / 4, MAX_TOLERANCE);
    }

    /** Whether the picture at {@code pts90k} is analysed; records it if so. */
    boolean take(long pts90k) {
        if (started && pts90k >= nextDue - tolerance - interval && pts90k < nextDue - tolerance) {
            return false;
        }
        boolean onGrid = started && pts90k >= nextDue - tolerance && pts90k < nextDue + interval;
        nextDue = onGrid ? nextDue + interval : pts90k + interval;
        started = true;
        return true;
    }

    /** Forgets the grid: the next picture is taken. */
    void reset() {
        started = false;
    }
}
