package dev.vigil.ingest.supervisor;

import dev.vigil.core.model.AccessUnit;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One consumer's bounded queue of a camera's access units. The supervisor offers from the event
 * loop and never waits: when the queue is full the unit is dropped and counted, and the next unit
 * this subscriber gets is marked {@code discontinuity} so it knows to wait for a key frame.
 *
 * <p>Threading: {@link #poll} from one consumer thread; the rest is thread-safe.
 */
public final class Subscription implements AutoCloseable {
    private final ArrayBlockingQueue<AccessUnit> queue;
    private final Runnable onClose;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean gap;
    private volatile boolean closed;

    Subscription(int capacity, Runnable onClose) {
        if (capacity < 1) {
            throw new IllegalArgumentException("subscription capacity must be >= 1, was " + capacity);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.onClose = onClose;
    }

    /** Called by the supervisor on the event loop; never blocks. */
    void offer(AccessUnit unit) {
        if (closed) {
            return;
        }
        AccessUnit u = gap && !unit.discontinuity() ? withDiscontinuity(unit) : unit;
        if (queue.offer(u)) {
            gap = false;
        } else {
            dropped.incrementAndGet();
            gap = true;
        }
    }

    private static AccessUnit withDiscontinuity(AccessUnit u) {
        return new AccessUnit(u.camera(), u.codec(), u.nalUnits(), u.pts90k(), u.wallClock(), u.keyframe(),
                u.parameterSets(), true);
    }

    /** The next unit, or {@code null} if none is queued. */
    public AccessUnit poll() {
        return queue.poll();
    }

    /** The next unit, waiting up to {@code timeout}; {@code null} on timeout. */
    public AccessUnit poll(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Units dropped because this queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Units waiting. */
    public int queued() {
        return queue.size();
    }

    public boolean isClosed() {
        return closed;
    }

    /** Stops delivery and forgets queued units; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            queue.clear();
            onClose.run();
        }
    }
}
