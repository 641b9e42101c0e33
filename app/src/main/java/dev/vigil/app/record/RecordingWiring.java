package dev.vigil.app.record;

import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.RecordingConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.RecordMode;
import dev.vigil.ingest.supervisor.Gateway;
import dev.vigil.ingest.supervisor.Subscription;
import dev.vigil.storage.mp4.FragmentPolicy;
import dev.vigil.storage.object.ObjectStore;
import dev.vigil.storage.record.ClipRecorder;
import dev.vigil.storage.record.ClipRequest;
import dev.vigil.storage.record.RecordingIndex;
import dev.vigil.storage.record.RecordingMetrics;
import dev.vigil.storage.record.SegmentRecorder;
import dev.vigil.storage.record.SegmentUploader;
import dev.vigil.storage.record.Spool;
import dev.vigil.storage.record.SpooledSegment;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recording on a node: the spool (recovered first), the uploader, and for every camera whose
 * {@code record.mode} is not {@code off} a gateway subscription feeding its recorders. Cameras are
 * spread over a few lane threads ({@code vigil-record-N}); a lane never blocks the gateway (the
 * subscription queue absorbs bursts; a full queue drops, counts and cuts the segment there).
 * {@link #add} and {@link #remove} start and stop one camera's recording while the others go on;
 * a removed camera's segment in progress is finished, not lost.
 *
 * <p>{@link #close}: lanes stop and finish every segment and clip in progress into the spool, then
 * the uploader stops; what it had not uploaded is uploaded at the next start.
 */
public final class RecordingWiring implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RecordingWiring.class);
    private static final int DRAIN_BATCH = 64;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Spool spool;
    private final SegmentUploader uploader;
    private final Map<CameraId, ClipRecorder> clipRecorders = new ConcurrentHashMap<>();
    private final List<Lane> lanes = new ArrayList<>();
    private final RecordingConfig config;
    private final Gateway gateway;
    private final RecordingMetrics metrics;
    private final Clock clock;
    private volatile boolean running = true;

    private RecordingWiring(RecordingConfig config, Spool spool, SegmentUploader uploader, Gateway gateway,
            RecordingMetrics metrics, Clock clock) {
        this.config = config;
        this.spool = spool;
        this.uploader = uploader;
        this.gateway = gateway;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * One lane thread and its cameras. The camera list belongs to the thread; other threads hand
     * it changes as tasks, which the thread runs between drains.
     */
    private final class Lane {
        final Thread thread;
        final List<CameraRecording> cameras = new ArrayList<>();
        final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        /** How many cameras the lane has, counting queued adds; for picking the emptiest lane. */
        final AtomicInteger load = new AtomicInteger();

        Lane(int number) {
            thread = new Thread(this::run, "vigil-record-" + number);
            thread.setDaemon(true);
        }

        private void run() {
            long nextTick = 0;
            while (running) {
                runTasks();
                int drained = 0;
                for (CameraRecording c : cameras) {
                    try {
                        drained += c.drain(DRAIN_BATCH);
                    } catch (RuntimeException e) {
                        log.error("recording of camera {} failed on a unit; it goes on with the next", c.camera(), e);
                    }
                }
                long now = System.nanoTime();
                if (now >= nextTick) {
                    nextTick = now + TimeUnit.SECONDS.toNanos(1);
                    cameras.forEach(c -> c.tick(clock.instant()));
                }
                if (drained == 0) {
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                }
            }
            runTasks();
            for (CameraRecording c : cameras) {
                finish(c);
            }
            cameras.clear();
        }

        private void runTasks() {
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                task.run();
            }
        }
    }

    /**
     * Starts recording.
     *
     * @param spoolDir the spool folder
     * @param cameras the cameras the gateway ingests
     * @param alarm told when the spool deletes footage at its cap
     */
    public static RecordingWiring start(RecordingConfig config, Path spoolDir, List<CameraConfig> cameras,
            Gateway gateway, ObjectStore store, String segmentsBucket, String clipsBucket, RecordingIndex index,
            PrometheusRegistry registry, Spool.Listener alarm, Clock clock) {
        Spool spool = new Spool(spoolDir, config.spoolMaxBytes(), alarm, config.fsync());
        List<SpooledSegment> recovered = spool.recover();
        if (!recovered.isEmpty()) {
            log.warn("spool: {} segments from an earlier run wait for upload ({} recovered from a crash)",
                    recovered.size(), recovered.stream().filter(SpooledSegment::recovered).count());
        }
        RecordingMetrics metrics = new RecordingMetrics(registry, spool, clock);
        SegmentUploader uploader = new SegmentUploader(spool, store, segmentsBucket, clipsBucket, index, metrics);
        RecordingWiring wiring = new RecordingWiring(config, spool, uploader, gateway, metrics, clock);
        uploader.start(config.uploadWorkers());
        int laneCount = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        for (int i = 0; i < laneCount; i++) {
            wiring.lanes.add(wiring.new Lane(i + 1));
        }
        int n = 0;
        for (CameraConfig c : cameras) {
            if (records(c)) {
                Lane lane = wiring.lanes.get(n++ % laneCount);
                lane.cameras.add(wiring.recording(c));
                lane.load.incrementAndGet();
            }
        }
        wiring.lanes.forEach(l -> l.thread.start());
        log.info("recording {} cameras on {} lanes; spool {} (cap {} MiB), {} upload workers", n, laneCount, spoolDir,
                config.spoolMaxBytes() >> 20, config.uploadWorkers());
        return wiring;
    }

    /** Whether {@code camera} is recorded at all: enabled, and a record mode other than {@code off}. */
    public static boolean records(CameraConfig camera) {
        return Boolean.TRUE.equals(camera.enabled()) && camera.record().mode() != RecordMode.OFF;
    }

    /** A camera's recorders and its gateway subscription; its clip recorder is registered for {@link #clip}. */
    private CameraRecording recording(CameraConfig c) {
        CameraId id = CameraId.of(c.id());
        // Subscribe first: a camera the gateway does not run fails here, before any recorder exists.
        Subscription units = gateway.subscribe(id, config.queueUnits());
        GeoPoint location = c.location() == null || c.location().lat() == null ? null : c.location().toGeoPoint();
        SegmentRecorder segments = c.record().mode() == RecordMode.CONTINUOUS
                ? new SegmentRecorder(id, c.site(), location, SegmentRecorder.Settings.of(c.record().segmentSeconds()),
                        spool, metrics)
                : null;
        ClipRecorder clips = new ClipRecorder(id, c.site(), location, c.record().preRollSeconds() * 1000L,
                config.ringMaxBytes(), spool, FragmentPolicy.DEFAULT);
        CameraRecording recording = new CameraRecording(id, units, segments, clips);
        clipRecorders.put(id, clips);
        return recording;
    }

    /**
     * Starts recording one more camera (it must be running on the gateway and not recorded yet), on
     * the lane with the fewest cameras. A camera that {@link #records} says is not recorded is
     * ignored.
     *
     * @throws VigilException NOT_FOUND when the gateway does not run it, FAILED_PRECONDITION after close
     */
    public void add(CameraConfig camera) {
        if (!records(camera)) {
            return;
        }
        if (!running) {
            throw new VigilException(ErrorKind.FAILED_PRECONDITION, "recording is stopped");
        }
        CameraId id = CameraId.of(camera.id());
        if (clipRecorders.containsKey(id)) {
            throw new VigilException(ErrorKind.ALREADY_EXISTS, "camera " + id + " is recorded already");
        }
        CameraRecording recording = recording(camera);
        Lane lane = lanes.stream().min(Comparator.comparingInt(l -> l.load.get())).orElseThrow();
        lane.load.incrementAndGet();
        lane.tasks.add(() -> lane.cameras.add(recording));
        log.info("camera {}: recording started on {}", id, lane.thread.getName());
    }

    /**
     * Stops recording one camera: its lane finishes the segment and clips in progress into the
     * spool (they are uploaded as usual) and unsubscribes. Waits for that, at most 30 s.
     *
     * @return whether the camera was recorded
     */
    public boolean remove(CameraId camera) {
        if (clipRecorders.remove(camera) == null) {
            return false;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        for (Lane lane : lanes) {
            lane.tasks.add(() -> {
                for (Iterator<CameraRecording> it = lane.cameras.iterator(); it.hasNext();) {
                    CameraRecording c = it.next();
                    if (c.camera().equals(camera)) {
                        it.remove();
                        lane.load.decrementAndGet();
                        finish(c);
                        done.complete(null);
                    }
                }
            });
        }
        if (!running) {
            return true; // the lanes finish every camera as they stop
        }
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            log.warn("camera {}: its recording did not finish within 30 s", camera);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("camera {}: recording stopped, segment finished", camera);
        return true;
    }

    /** Takes what the subscription still holds, then finishes the camera's segment and clips. */
    private static void finish(CameraRecording c) {
        try {
            c.drain(Integer.MAX_VALUE);
            c.close();
        } catch (RuntimeException e) {
            log.error("closing the recording of camera {} failed", c.camera(), e);
        }
    }

    /**
     * Asks for an event clip of a recorded camera; the future completes when the clip is in the
     * spool (it is uploaded to the clips bucket and the catalog after that).
     */
    public CompletableFuture<SpooledSegment> clip(ClipRequest request) {
        ClipRecorder recorder = clipRecorders.get(request.camera());
        if (recorder == null) {
            return CompletableFuture.failedFuture(new VigilException(ErrorKind.NOT_FOUND,
                    "camera " + request.camera() + " is not recorded on this node"));
        }
        return recorder.request(request);
    }

    public Spool spool() {
        return spool;
    }

    public SegmentUploader uploader() {
        return uploader;
    }

    /**
     * Stops recording: every lane finishes the segments and clips in progress into the spool. The
     * uploader goes on until {@link #close}.
     */
    public void stopRecording() {
        running = false;
        for (Lane lane : lanes) {
            try {
                lane.thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    @Override
    public void close() {
        stopRecording();
        uploader.close();
    }
}
