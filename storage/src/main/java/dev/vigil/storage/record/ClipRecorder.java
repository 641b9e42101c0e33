package dev.vigil.storage.record;

import dev.vigil.core.codec.SequenceInfo;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.storage.mp4.FragmentPolicy;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Event clips of one camera: keeps a {@link PreRollRing} and, on a {@link ClipRequest}, writes a
 * standalone MP4 into the clip {@link Spool} from the key frame at or before the request's start
 * (taken from the ring) until the first picture at or after its end (taken live). The spool's
 * uploader then moves it to the clips bucket and the catalog.
 *
 * <p>A clip ends early, and says so in its reason, when the stream breaks (loss, new parameter
 * sets, a timestamp jump) or the recorder closes. Several clips of one camera may be open at once.
 *
 * <p>Threading: {@link #request} from any thread; everything else on the camera's recording thread.
 */
public final class ClipRecorder implements AutoCloseable {
    /** How long past its end a clip waits for a picture before it is closed anyway. */
    static final Duration LATE_END = Duration.ofSeconds(5);

    private final CameraId camera;
    private final String site;
    private final GeoPoint location;
    private final PreRollRing ring;
    private final Spool spool;
    private final FragmentPolicy fragments;
    private final ConcurrentLinkedQueue<Job> incoming = new ConcurrentLinkedQueue<>();
    /** Requests whose start has not come yet. */
    private final List<Job> pending = new ArrayList<>();
    private final List<Job> active = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();

    private static final class Job {
        final ClipRequest request;
        final ClipInfo info;
        final CompletableFuture<SpooledSegment> result = new CompletableFuture<>();
        SpoolWriter writer;

        Job(ClipRequest request, ClipInfo info) {
            this.request = request;
            this.info = info;
        }
    }

    /**
     * @param preRollMillis history kept for clips that start in the past
     * @param ringMaxBytes bound on the history's payload bytes
     */
    public ClipRecorder(CameraId camera, String site, GeoPoint location, long preRollMillis, long ringMaxBytes,
            Spool spool, FragmentPolicy fragments) {
        this.camera = Objects.requireNonNull(camera, "camera");
        this.site = Objects.requireNonNull(site, "site");
        this.location = location;
        this.ring = new PreRollRing(preRollMillis, ringMaxBytes);
        this.spool = Objects.requireNonNull(spool, "spool");
        this.fragments = Objects.requireNonNull(fragments, "fragments");
    }

    public CameraId camera() {
        return camera;
    }

    /**
     * Asks for a clip. The future completes when the clip is finished in the spool (before its
     * upload), or fails with the reason it could not be made.
     */
    public CompletableFuture<SpooledSegment> request(ClipRequest request) {
        if (!request.camera().equals(camera)) {
            throw VigilException.invalid("clip for camera " + request.camera() + " sent to the recorder of " + camera);
        }
        byte[] id = new byte[9];
        random.nextBytes(id);
        Job job = new Job(request, new ClipInfo(HexFormat.of().formatHex(id), request.reason(), request.from(),
                request.to()));
        incoming.add(job);
        return job.result;
    }

    /** Takes the camera's next access unit. */
    public void accept(AccessUnit unit) {
        for (Job job = incoming.poll(); job != null; job = incoming.poll()) {
            pending.add(job);
        }
        ring.add(unit);
        for (Iterator<Job> it = pending.iterator(); it.hasNext(); ) {
            Job job = it.next();
            if (!unit.wallClock().isBefore(job.request.from())) {
                it.remove();
                startFromRing(job); // the ring holds the key frame before the start, this unit included
            }
        }
        for (Iterator<Job> it = active.iterator(); it.hasNext(); ) {
            Job job = it.next();
            if (feed(job, unit)) {
                it.remove();
            }
        }
    }

    /** Closes clips whose end passed more than {@link #LATE_END} ago without a picture (a stalled camera). */
    public void expire(Instant now) {
        for (Iterator<Job> it = pending.iterator(); it.hasNext(); ) {
            Job job = it.next();
            if (now.isAfter(job.request.to().plus(LATE_END))) {
                finish(job, "the camera sent no picture in the clip's time");
                it.remove();
            }
        }
        for (Iterator<Job> it = active.iterator(); it.hasNext(); ) {
            Job job = it.next();
            if (now.isAfter(job.request.to().plus(LATE_END))) {
                finish(job, "the camera sent no picture after the clip's end");
                it.remove();
            }
        }
    }

    /** Finishes every open clip with what it has. */
    @Override
    public void close() {
        for (Job job = incoming.poll(); job != null; job = incoming.poll()) {
            pending.add(job);
        }
        for (Job job : pending) {
            finish(job, "recording stopped before the clip's start");
        }
        pending.clear();
        for (Job job : active) {
            finish(job, "recording stopped");
        }
        active.clear();
    }

    private void startFromRing(Job job) {
        active.add(job);
        List<AccessUnit> history = ring.since(Long.MIN_VALUE); // all of it
        AccessUnit start = null;
        for (AccessUnit u : history) {
            if (u.keyframe() && !u.wallClock().isAfter(job.request.from())) {
                start = u;
            }
        }
        if (start == null && !history.isEmpty() && history.get(0).wallClock().isBefore(job.request.to())) {
            start = history.get(0); // the ring does not reach back that far: as early as it has
        }
        if (start == null) {
            return; // starts with the next key frame
        }
        for (AccessUnit u : ring.since(start.pts90k())) {
            if (u.wallClock().isAfter(job.request.to())) {
                break;
            }
            if (feed(job, u)) {
                active.remove(job);
                return;
            }
        }
    }

    /** Feeds one unit to a clip; returns whether the clip is done. */
    private boolean feed(Job job, AccessUnit unit) {
        try {
            if (job.writer == null) {
                if (!unit.keyframe() || unit.parameterSets() == null) {
                    return false;
                }
                if (!unit.wallClock().isBefore(job.request.to())) {
                    job.result.completeExceptionally(new VigilException(ErrorKind.NOT_FOUND, "camera " + camera
                            + ": no key frame between " + job.request.from() + " and " + job.request.to()));
                    return true;
                }
                SequenceInfo info = SequenceInfo.of(unit.parameterSets());
                job.writer = SpoolWriter.open(spool, new SegmentMeta(camera, site, unit.wallClock(), unit.pts90k(),
                        unit.codec(), info.width(), info.height(), location, job.info), unit, fragments);
            } else if (unit.pts90k() <= job.writer.lastPts()) {
                return false; // already written (from the ring)
            } else if (SegmentRecorder.streamBreak(unit, job.writer, null) != null) {
                // A clip spans seconds and is cut by its own wall-clock end, so a camera clock jump does not cut it.
                finish(job, "the stream broke");
                return true;
            }
            job.writer.write(unit);
            if (!unit.wallClock().isBefore(job.request.to())) {
                finish(job, null);
                return true;
            }
            return false;
        } catch (VigilException e) {
            if (job.writer != null) {
                job.writer.abandon();
            }
            job.result.completeExceptionally(e);
            return true;
        }
    }

    private void finish(Job job, String cutShort) {
        if (job.writer == null) {
            job.result.completeExceptionally(new VigilException(ErrorKind.NOT_FOUND, "camera " + camera
                    + ": no picture for the clip " + job.request.from() + " .. " + job.request.to()
                    + (cutShort == null ? "" : " (" + cutShort + ")")));
            return;
        }
        try {
            job.result.complete(job.writer.finish(null));
        } catch (VigilException e) {
            job.writer.abandon();
            job.result.completeExceptionally(e);
        }
    }
}
