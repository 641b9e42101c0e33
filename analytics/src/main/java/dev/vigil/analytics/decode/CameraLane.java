package dev.vigil.analytics.decode;

import dev.vigil.analytics.frame.FrameConsumer;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.AnalyticsMode;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Codec;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One camera inside the {@link DecodePool}: its {@link LaneQueue}, its {@link CameraDecoder} and
 * its consumer. The lane is a task that at most one worker runs at a time ({@code scheduled} is
 * set by whoever submits it and cleared only by the run that finds the queue empty), so the
 * decoder and the consumer see one thread at a time, in order.
 *
 * <p>Ownership: the lane owns its decoder and closes it from its own last run after
 * {@link #close()}, or on the closing thread when no run can come any more.
 */
final class CameraLane implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(CameraLane.class);
    private static final long WARN_INTERVAL_NANOS = 10_000_000_000L;

    private final CameraId camera;
    private final LaneQueue queue;
    private final CameraDecoder decoder;
    private final FrameConsumer consumer;
    private final DecodeListener listener;
    private final Executor executor;
    private final LongSupplier nanoTime;
    private final int batch;
    // Guarded by this.
    private boolean scheduled;
    private boolean closed;
    private boolean decoderClosed;
    /** Completes once no worker will touch the decoder or the consumer again. */
    private final CompletableFuture<Void> retired = new CompletableFuture<>();
    // Confined to the running worker.
    private long lastWarn = Long.MIN_VALUE;
    private int suppressed;

    CameraLane(CameraId camera, DecoderSettings settings, FrameConsumer consumer, DecodeListener listener,
            Executor executor, DecodePoolSettings pool, LongSupplier nanoTime) {
        this.camera = camera;
        this.queue = new LaneQueue(pool.queueCapacity(), settings.mode() == AnalyticsMode.KEYFRAMES);
        this.consumer = consumer;
        this.listener = listener;
        this.executor = executor;
        this.nanoTime = nanoTime;
        this.batch = pool.batch();
        this.decoder = new CameraDecoder(camera, settings, new Warnings(), nanoTime);
    }

    /**
     * Queues {@code unit} for decoding, or drops it; never blocks beyond the lane's short lock.
     * Runs on the producer's (ingest) thread.
     *
     * @return whether the unit was queued
     */
    boolean offer(AccessUnit unit) {
        LaneQueue.Admission admission;
        boolean submit = false;
        synchronized (this) {
            if (closed) {
                return false;
            }
            admission = queue.offer(unit);
            if (admission.queued() && !scheduled) {
                scheduled = true;
                submit = true;
            }
        }
        if (admission.dropped() > 0) {
            listener.dropped(camera, DropReason.BEHIND, admission.dropped());
        }
        if (submit) {
            submit();
        }
        return admission.queued();
    }

    /** Units waiting in the queue. */
    synchronized int queued() {
        return queue.size();
    }

    /** Decodes up to one batch, then yields to other lanes if more is queued. */
    @Override
    public void run() {
        MDC.put("camera", camera.value());
        try {
            for (int i = 0; i < batch; i++) {
                AccessUnit unit;
                synchronized (this) {
                    if (closed) {
                        scheduled = false;
                        closeDecoder();
                        return;
                    }
                    unit = queue.poll();
                    if (unit == null) {
                        scheduled = false;
                        return;
                    }
                }
                decodeOne(unit);
            }
        } finally {
            MDC.remove("camera");
        }
        submit();
    }

    private void decodeOne(AccessUnit unit) {
        try {
            decoder.decode(unit, consumer);
        } catch (RuntimeException e) {
            // A bug or an unsupported stream: keep the worker alive, count it, say so now and then.
            listener.dropped(camera, DropReason.CORRUPT, 1);
            warn("decoding failed: " + e, e);
        }
    }

    /**
     * Stops the lane: drops what is queued; the decoder is closed by the lane's last run.
     *
     * @return completes when that last run is over: the consumer will not be called again
     */
    CompletableFuture<Void> close() {
        boolean submit = false;
        synchronized (this) {
            if (closed) {
                return retired;
            }
            closed = true;
            queue.clear();
            if (!scheduled) {
                scheduled = true;
                submit = true;
            }
        }
        if (submit) {
            submit();
        }
        return retired;
    }

    private void submit() {
        try {
            executor.execute(this);
        } catch (RejectedExecutionException e) {
            // The pool is shutting down: no run will come, so nobody else touches the decoder.
            synchronized (this) {
                closed = true;
                scheduled = false;
                queue.clear();
                closeDecoder();
            }
        }
    }

    /** Guarded by this. */
    private void closeDecoder() {
        if (!decoderClosed) {
            decoderClosed = true;
            try {
                decoder.close();
            } finally {
                retired.complete(null);
            }
        }
    }

    private void warn(String message, Throwable error) {
        long now = nanoTime.getAsLong();
        if (lastWarn != Long.MIN_VALUE && now - lastWarn < WARN_INTERVAL_NANOS) {
            suppressed++;
            return;
        }
        lastWarn = now;
        String more = suppressed == 0 ? "" : " (and " + suppressed + " more in the last "
                + WARN_INTERVAL_NANOS / 1_000_000_000L + " s)";
        suppressed = 0;
        LOG.warn("camera {}: {}{}", camera, message, more, error);
    }

    /** Forwards to the pool's listener and logs consumer failures, at most one line per interval. */
    private final class Warnings implements DecodeListener {
        @Override
        public void decoded(CameraId cam, int frames, long nanos) {
            listener.decoded(cam, frames, nanos);
        }

        @Override
        public void analysed(CameraId cam, long nanos) {
            listener.analysed(cam, nanos);
        }

        @Override
        public void dropped(CameraId cam, DropReason reason, int units) {
            listener.dropped(cam, reason, units);
        }

        @Override
        public void opened(CameraId cam, Codec codec) {
            listener.opened(cam, codec);
            LOG.info("camera {}: analytics decoder opened for {}", cam, codec.wireName());
        }

        @Override
        public void consumerFailed(CameraId cam, RuntimeException error) {
            listener.consumerFailed(cam, error);
            warn("frame consumer failed: " + error, error);
        }
    }
}
