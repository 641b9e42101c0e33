package dev.vigil.ingest.sim;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one timer of a {@link SimulatedCameraServer}: every tick it sends each playing stream the
 * frames that have fallen due. Frame {@code k} of a stream is due at {@code start + k / fps}, so
 * pacing does not drift; after a stall of more than a second a stream skips ahead instead of
 * bursting.
 *
 * <p>Threading: confined to the server's single event loop (register, unregister and ticks).
 */
final class Pacer {
    /** A stream the pacer drives. */
    interface Paced {
        /** Nanos (System.nanoTime) at which the next frame is due. */
        long nextDueNanos();

        /** Sends the next frame; returns when the one after is due. */
        long sendNext(long nowNanos);
    }

    private static final long TICK_MS = 5;
    private static final long MAX_LAG_NANOS = 1_000_000_000L;

    private final List<Paced> streams = new ArrayList<>();
    private final ScheduledFuture<?> timer;

    Pacer(EventLoop loop) {
        timer = loop.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    void register(Paced stream) {
        streams.add(stream);
    }

    void unregister(Paced stream) {
        streams.remove(stream);
    }

    int size() {
        return streams.size();
    }

    void stop() {
        timer.cancel(false);
        streams.clear();
    }

    private void tick() {
        long now = System.nanoTime();
        for (int i = 0; i < streams.size(); i++) {
            Paced s = streams.get(i);
            int burst = 0;
            while (s.nextDueNanos() <= now && burst++ < 8) {
                s.sendNext(now);
            }
        }
    }

    static long maxLagNanos() {
        return MAX_LAG_NANOS;
    }
}
