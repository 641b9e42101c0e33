package dev.vigil.analytics.decode;

import dev.vigil.analytics.frame.FrameConsumer;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.AnalyticsMode;
import dev.vigil.core.model.CameraId;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Decodes many cameras on a fixed set of worker threads (default: one per core).
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #offer} never blocks the producer (ingest's fan-out) beyond a short per-camera
 *       lock: it queues the unit in the camera's bounded queue and, if the camera is idle, hands
 *       the camera to the workers. When the queue is full the camera drops to the next key frame
 *       ({@link LaneQueue}), counted as {@link DropReason#BEHIND}; overload therefore costs
 *       analytics pictures, never ingest or recording time.
 *   <li>Each camera is decoded by one worker at a time, in order; a worker decodes at most
 *       {@code batch} units of a camera before it lets the next camera run.
 *   <li>The workers' own task queue holds at most one entry per camera, so it is bounded by the
 *       camera count although it is a {@link LinkedBlockingQueue}.
 *   <li>Thread-safe. {@link #close()} stops the workers after their current unit and frees every
 *       decoder.
 * </ul>
 */
public final class DecodePool implements AutoCloseable {
    private final DecodePoolSettings settings;
    private final DecodeListener listener;
    private final LongSupplier nanoTime;
    private final ThreadPoolExecutor workers;
    private final ConcurrentHashMap<CameraId, CameraLane> lanes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Starts the workers.
     *
     * @param nanoTime the clock that times decoding and analysis ({@code System::nanoTime})
     */
    public DecodePool(DecodePoolSettings settings, DecodeListener listener, LongSupplier nanoTime) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "vigil-decode-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** A pool with the default sizes, the given listener and the system clock. */
    public static DecodePool start(DecodeListener listener) {
        return new DecodePool(DecodePoolSettings.defaults(), listener, System::nanoTime);
    }

    /**
     * Starts decoding {@code camera}'s units for {@code consumer}. A camera whose mode is
     * {@code OFF} is not registered (its units are refused).
     *
     * @throws VigilException {@code ALREADY_EXISTS} when the camera is registered,
     *     {@code FAILED_PRECONDITION} after {@link #close()}
     */
    public void register(CameraId camera, DecoderSettings decoder, FrameConsumer consumer) {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(consumer, "consumer");
        checkOpen();
        if (decoder.mode() == AnalyticsMode.OFF) {
            return;
        }
        lanes.compute(camera, (id, existing) -> {
            if (existing != null) {
                throw new VigilException(ErrorKind.ALREADY_EXISTS, "camera " + id + " is already decoded for analytics");
            }
            return new CameraLane(id, decoder, consumer, listener, workers, settings, nanoTime);
        });
    }

    /**
     * Offers one access unit of a registered camera; never blocks.
     *
     * @return whether it was queued (false: skipped by the camera's mode, dropped, or the camera is
     *     not registered)
     */
    public boolean offer(AccessUnit unit) {
        CameraLane lane = lanes.get(unit.camera());
        return lane != null && lane.offer(unit);
    }

    /**
     * Stops decoding {@code camera}: what is queued is dropped, its decoder is freed.
     *
     * @return completes when no worker will call the camera's consumer again (a frame being
     *     decoded when this is called finishes first), so the consumer may then be closed; already
     *     complete if the camera was not registered
     */
    public CompletableFuture<Void> unregister(CameraId camera) {
        CameraLane lane = lanes.remove(camera);
        return lane == null ? CompletableFuture.completedFuture(null) : lane.close();
    }

    /** The registered cameras, sorted. */
    public Set<CameraId> cameras() {
        return new TreeSet<>(lanes.keySet());
    }

    /** Units queued for {@code camera} (0 when unknown). */
    public int queued(CameraId camera) {
        CameraLane lane = lanes.get(camera);
        return lane == null ? 0 : lane.queued();
    }

    /**
     * Waits until every queue is empty and no worker is busy, or the timeout passes (tests,
     * orderly shutdown).
     *
     * @return whether the pool went idle in time
     */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (System.nanoTime() < deadline) {
            if (workers.getActiveCount() == 0 && workers.getQueue().isEmpty()
                    && lanes.values().stream().allMatch(l -> l.queued() == 0)
                    && workers.getActiveCount() == 0 && workers.getQueue().isEmpty()) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return false;
    }

    /** Unregisters every camera, lets the workers close their decoders and stops them (waits up to 10 s). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (CameraId camera : lanes.keySet()) {
            unregister(camera);
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new VigilException(ErrorKind.DEADLINE_EXCEEDED, "decode workers did not stop within 10 s"
                        + " (a frame consumer is stuck?)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new VigilException(ErrorKind.FAILED_PRECONDITION, "decode pool is closed");
        }
    }
}
