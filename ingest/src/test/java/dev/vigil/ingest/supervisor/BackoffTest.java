package dev.vigil.ingest.supervisor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void fullJitterUnderAGrowingCeilingCappedAndReset() {
        Backoff b = new Backoff(500, 30_000, new SplittableRandom(1));
        long max = 0;
        for (int i = 0; i < 40; i++) {
            long d = b.nextDelayMs();
            long ceiling = Math.min(30_000, 500L << Math.min(i, 20));
            assertTrue(d >= 0 && d <= ceiling, "attempt " + i + ": " + d + " > " + ceiling);
            max = Math.max(max, d);
        }
        assertTrue(max > 15_000, "the cap is reached eventually, max " + max);
        b.reset();
        assertTrue(b.nextDelayMs() <= 500);
    }
}
