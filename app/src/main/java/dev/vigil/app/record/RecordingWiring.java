package dev.vigil.app.record;

import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.RecordingConfig;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.RecordMode;
import dev.vigil.ingest.supervisor.Gateway;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recording on a node: the spool (recovered first), the uploader, and for every camera whose
 * {@code record.mode} is not {@code off} a gateway subscription feeding its recorders. Cameras are
 * spread over a few lane threads ({@code vigil-record-N}); a lane never blocks the gateway (the
 * subscription queue absorbs bursts; a full queue drops, counts and cuts the segment there).
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
    private final List<Thread> lanes = new ArrayList<>();
    private final List<List<CameraRecording>> laneCameras = new ArrayList<>();
    private final Clock clock;
    private volatile boolean running = true;

    private RecordingWiring(Spool spool, SegmentUploader uploader, Clock clock) {
        this.spool = spool;
        this.uploader = uploader;
        this.clock = clock;
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
        RecordingWiring wiring = new RecordingWiring(spool, uploader, clock);
        uploader.start(config.uploadWorkers());
        int laneCount = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        for (int i = 0; i < laneCount; i++) {
            wiring.laneCameras.add(new ArrayList<>());
        }
        int n = 0;
        for (CameraConfig c : cameras) {
            if (!Boolean.TRUE.equals(c.enabled()) || c.record().mode() == RecordMode.OFF) {
                continue;
            }
            CameraId id = CameraId.of(c.id());
            GeoPoint location = c.location() == null || c.location().lat() == null ? null
                    : c.location().toGeoPoint();
            SegmentRecorder segments = c.record().mode() == RecordMode.CONTINUOUS
                    ? new SegmentRecorder(id, c.site(), location, SegmentRecorder.Settings.of(c.record().segmentSeconds()),
                            spool, metrics)
                    : null;
            ClipRecorder clips = new ClipRecorder(id, c.site(), location, c.record().preRollSeconds() * 1000L,
                    config.ringMaxBytes(), spool, FragmentPolicy.DEFAULT);
            wiring.clipRecorders.put(id, clips);
            wiring.laneCameras.get(n++ % laneCount).add(new CameraRecording(id,
                    gateway.subscribe(id, config.queueUnits()), segments, clips));
        }
        for (int i = 0; i < laneCount; i++) {
            List<CameraRecording> mine = wiring.laneCameras.get(i);
            Thread t = new Thread(() -> wiring.runLane(mine), "vigil-record-" + (i + 1));
            t.setDaemon(true);
            wiring.lanes.add(t);
            t.start();
        }
        log.info("recording {} cameras on {} lanes; spool {} (cap {} MiB), {} upload workers", n, laneCount, spoolDir,
                config.spoolMaxBytes() >> 20, config.uploadWorkers());
        return wiring;
    }

    /**
     * Asks for an event clip of a recorded camera; the future completes when the clip is in the
     * spool (it is uploaded to the clips bucket and the catalog after that).
     */
    public CompletableFuture<SpooledSegment> clip(ClipRequest request) {
        ClipRecorder recorder = clipRecorders.get(request.camera());
        if (recorder == null) {
            return CompletableFuture.failedFuture(new VigilException(dev.vigil.core.error.ErrorKind.NOT_FOUND,
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

    private void runLane(List<CameraRecording> cameras) {
        long nextTick = 0;
        while (running) {
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
        for (CameraRecording c : cameras) {
            try {
                c.drain(Integer.MAX_VALUE);
                c.close();
            } catch (RuntimeException e) {
                log.error("closing the recording of camera {} failed", c.camera(), e);
            }
        }
    }

    /**
     * Stops recording: every lane finishes the segments and clips in progress into the spool. The
     * uploader goes on until {@link #close}.
     */
    public void stopRecording() {
        running = false;
        for (Thread t : lanes) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
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
