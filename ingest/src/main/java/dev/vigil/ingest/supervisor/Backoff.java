package dev.vigil.ingest.supervisor;

import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the n-th consecutive failure waits a uniformly random
 * time in {@code [0, min(cap, base * 2^n))} ("Exponential Backoff And Jitter", AWS Architecture
 * Blog, 2015). Not thread-safe; one per supervisor, used on its event loop.
 */
final class Backoff {
    private final long baseMs;
    private final long capMs;
    private final RandomGenerator random;
    private int failures;

    Backoff(long baseMs, long capMs, RandomGenerator random) {
        if (baseMs < 1 || capMs < baseMs) {
            throw new IllegalArgumentException("backoff needs 1 <= base <= cap, was base=" + baseMs + " cap=" + capMs);
        }
        this.baseMs = baseMs;
        this.capMs = capMs;
        this.random = random;
    }

    /** The delay before the next attempt, counting one more failure. */
    long nextDelayMs() {
        long ceiling = failures >= 30 ? capMs : Math.min(capMs, baseMs << failures);
        failures++;
        return random.nextLong(ceiling + 1);
    }

    /** Media flowed: start again from the base. */
    void reset() {
        failures = 0;
    }
}
