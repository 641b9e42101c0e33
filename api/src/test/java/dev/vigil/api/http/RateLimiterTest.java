package dev.vigil.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    /** A clock the test moves. */
    private static final class StepClock extends Clock {
        Instant now = Instant.parse("2026-03-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void burstThenRatePerKey() {
        StepClock clock = new StepClock();
        RateLimiter limiter = new RateLimiter(2, 3, clock);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.tryAcquire("a"));
        }
        assertEquals(1, limiter.tryAcquire("a"), "empty: retry after 1 s");
        assertEquals(0, limiter.tryAcquire("b"), "each key has its own bucket");
        clock.now = clock.now.plus(Duration.ofMillis(500));
        assertEquals(0, limiter.tryAcquire("a"), "one request refilled after 0.5 s at 2/s");
        assertEquals(1, limiter.tryAcquire("a"));
        clock.now = clock.now.plus(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.tryAcquire("a"));
        }
        assertEquals(1, limiter.tryAcquire("a"), "refill is capped at the burst");
    }

    @Test
    void fullBucketsAreDroppedWhenThereAreMany() {
        StepClock clock = new StepClock();
        RateLimiter limiter = new RateLimiter(10, 10, clock);
        for (int i = 0; i <= RateLimiter.SWEEP_ABOVE; i++) {
            limiter.tryAcquire("address 10.0." + i);
        }
        clock.now = clock.now.plusSeconds(2);
        limiter.tryAcquire("address 10.1.0.0");
        assertEquals(1, limiter.size(), "the refilled ones went");
    }

    @Test
    void slowRatesReportLongerWaits() {
        StepClock clock = new StepClock();
        RateLimiter limiter = new RateLimiter(0.1, 1, clock);
        assertEquals(0, limiter.tryAcquire("a"));
        assertEquals(10, limiter.tryAcquire("a"));
    }
}
