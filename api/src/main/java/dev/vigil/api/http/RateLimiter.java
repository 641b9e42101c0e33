package dev.vigil.api.http;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request rate per key (an API token's id, or a client address for failed authentications): one
 * token bucket per key holding up to {@code burst} requests and refilling at {@code perSecond}.
 * Thread-safe. Buckets are created on first use; once there are more than {@value #SWEEP_ABOVE},
 * those that have refilled completely (and so behave exactly like a new one) are dropped, which
 * bounds the memory many client addresses can take.
 *
 * <p>Implementation note: a bucket stores its level and the time it was last refilled; each
 * attempt first adds {@code elapsed * perSecond} (capped at {@code burst}), then takes one if it
 * can, else reports how long until one is there. Time comes from the injected {@link Clock}.
 */
public final class RateLimiter {
    /** Bucket count above which full buckets are dropped. */
    static final int SWEEP_ABOVE = 10_000;

    private final double perSecond;
    private final int burst;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double perSecond, int burst, Clock clock) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("perSecond must be > 0 and burst >= 1, were " + perSecond + ", " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Takes one request from {@code key}'s bucket.
     *
     * @return 0 if allowed, else the whole seconds (at least 1) until a request will be allowed,
     *     for {@code Retry-After}
     */
    public long tryAcquire(String key) {
        long nowNanos = nanos();
        if (buckets.size() > SWEEP_ABOVE) {
            long fullAfterNanos = (long) Math.ceil(burst / perSecond * 1e9);
            buckets.values().removeIf(old -> {
                synchronized (old) {
                    return nowNanos - old.refilledAt >= fullAfterNanos;
                }
            });
        }
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, nowNanos));
        synchronized (b) {
            double elapsed = Math.max(0, nowNanos - b.refilledAt) / 1e9;
            b.level = Math.min(burst, b.level + elapsed * perSecond);
            b.refilledAt = nowNanos;
            if (b.level >= 1) {
                b.level -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.level) / perSecond));
        }
    }

    /** Buckets held now (for tests). */
    int size() {
        return buckets.size();
    }

    private long nanos() {
        var t = clock.instant();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static final class Bucket {
        double level;
        long refilledAt;

        Bucket(double level, long refilledAt) {
            this.level = level;
            this.refilledAt = refilledAt;
        }
    }
}
