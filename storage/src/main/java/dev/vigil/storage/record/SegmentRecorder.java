package dev.vigil.storage.record;

import dev.vigil.core.codec.SequenceInfo;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.storage.mp4.FragmentPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Records one camera: stream copy of its access units into fMP4 segments in the {@link Spool}.
 *
 * <p>Rules, checked before each access unit:
 * <ul>
 *   <li>A segment starts at a key frame whose parameter sets are known; units before that are
 *       skipped and counted (a stream joined mid-GOP, or the units after a break).
 *   <li>It rolls at the first key frame at least {@code segmentLength} after its start; the next
 *       segment starts exactly where this one ends, so continuous recording has no false gaps.
 *   <li>A discontinuity closes it at once and the next one waits for a key frame: a unit flagged
 *       {@code discontinuity} (loss, a reconnect, a subscriber queue overflow), new parameter sets,
 *       a presentation time that does not move forward or jumps more than {@link #MAX_STEP_90K},
 *       or a wall clock that departs from the presentation times by more than
 *       {@code maxClockSkew}. So no segment ever contains a timestamp jump.
 *   <li>A write error (a full disk) closes the spool file, which keeps its complete fragments,
 *       and recording starts again at the next key frame.
 * </ul>
 *
 * <p>Time: a segment's start is its first picture's wall clock; every later picture's time is that
 * plus its presentation-time offset, which is what the file's decode times say.
 *
 * <p>Not thread-safe: one thread feeds a recorder.
 */
public final class SegmentRecorder implements AutoCloseable {
    /** The largest step between two pictures' presentation times that is not a jump: 10 s. */
    static final long MAX_STEP_90K = 10 * 90_000L;

    /** Why a segment ended early. */
    public enum BreakReason {
        DISCONTINUITY("discontinuity"), PARAMETER_SETS("parameter_sets"), TIMESTAMP_JUMP("timestamp_jump"),
        CLOCK_JUMP("clock_jump"), WRITE_ERROR("write_error");

        private final String label;

        BreakReason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What the recorder reports; called on the recording thread, must not block. */
    public interface Listener {
        void onSegment(SpooledSegment segment);

        void onBreak(CameraId camera, BreakReason reason);

        /** Units skipped while waiting for a key frame (or after a write error). */
        void onSkipped(CameraId camera, long units);

        void onWriteError(CameraId camera, VigilException error);
    }

    /**
     * @param segmentLength segments roll at the first key frame after this
     * @param fragments fragment cutting inside a segment
     * @param maxClockSkew how far the wall clock may depart from the presentation times
     */
    public record Settings(Duration segmentLength, FragmentPolicy fragments, Duration maxClockSkew) {
        public Settings {
            Objects.requireNonNull(segmentLength, "segmentLength");
            Objects.requireNonNull(fragments, "fragments");
            Objects.requireNonNull(maxClockSkew, "maxClockSkew");
            if (segmentLength.compareTo(Duration.ofSeconds(1)) < 0 || segmentLength.compareTo(Duration.ofHours(1)) > 0) {
                throw VigilException.invalid("segment length must be 1 s to 1 h, was " + segmentLength);
            }
        }

        public static Settings of(int segmentSeconds) {
            return new Settings(Duration.ofSeconds(segmentSeconds), FragmentPolicy.DEFAULT, Duration.ofSeconds(2));
        }
    }

    private final CameraId camera;
    private final String site;
    private final GeoPoint location;
    private final Settings settings;
    private final Spool spool;
    private final Listener listener;
    private final long segmentLength90k;

    private SpoolWriter writer;
    /** Where the next segment starts when the last one rolled over (null after a break). */
    private Instant rolloverStart;

    public SegmentRecorder(CameraId camera, String site, GeoPoint location, Settings settings, Spool spool,
            Listener listener) {
        this.camera = Objects.requireNonNull(camera, "camera");
        this.site = Objects.requireNonNull(site, "site");
        this.location = location;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.spool = Objects.requireNonNull(spool, "spool");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.segmentLength90k = settings.segmentLength().toMillis() * 90;
    }

    public CameraId camera() {
        return camera;
    }

    /** Records one access unit of this camera. */
    public void accept(AccessUnit unit) {
        if (writer != null) {
            BreakReason reason = breakBefore(unit);
            if (reason != null) {
                finish(null);
                rolloverStart = null;
                listener.onBreak(camera, reason);
            } else if (unit.keyframe() && unit.pts90k() - writer.firstPts() >= segmentLength90k) {
                rolloverStart = finish(unit.pts90k());
            }
        }
        if (writer == null && !begin(unit)) {
            listener.onSkipped(camera, 1);
            return;
        }
        try {
            writer.write(unit);
        } catch (VigilException e) {
            writeFailed(e);
        }
    }

    /** Finishes the segment in progress, if any. */
    @Override
    public void close() {
        if (writer != null) {
            finish(null);
        }
    }

    private BreakReason breakBefore(AccessUnit unit) {
        return streamBreak(unit, writer, settings.maxClockSkew());
    }

    /**
     * Why {@code unit} cannot follow what {@code writer} holds in one file, or {@code null} when it
     * can: lost data, new parameter sets, a presentation time that does not move forward by at
     * most {@link #MAX_STEP_90K}, or (when {@code maxClockSkew} is given) a wall clock that strays
     * from the file's timeline by more than it. Shared by segments and event clips.
     */
    static BreakReason streamBreak(AccessUnit unit, SpoolWriter writer, Duration maxClockSkew) {
        if (unit.discontinuity()) {
            return BreakReason.DISCONTINUITY;
        }
        if (unit.parameterSets() != null && !unit.parameterSets().equals(writer.parameterSets())) {
            return BreakReason.PARAMETER_SETS;
        }
        long step = unit.pts90k() - writer.lastPts();
        if (step <= 0 || step > MAX_STEP_90K) {
            return BreakReason.TIMESTAMP_JUMP;
        }
        if (maxClockSkew != null) {
            Instant expected = writer.timeAt(unit.pts90k());
            if (Duration.between(expected, unit.wallClock()).abs().compareTo(maxClockSkew) > 0) {
                return BreakReason.CLOCK_JUMP;
            }
        }
        return null;
    }

    /** Opens a segment at {@code unit} if it can start one. */
    private boolean begin(AccessUnit unit) {
        if (!unit.keyframe() || unit.parameterSets() == null) {
            return false;
        }
        SequenceInfo info;
        try {
            info = SequenceInfo.of(unit.parameterSets());
        } catch (VigilException e) {
            listener.onWriteError(camera, e);
            return false;
        }
        Instant start = rolloverStart != null ? rolloverStart : unit.wallClock();
        rolloverStart = null;
        SegmentMeta meta = new SegmentMeta(camera, site, start, unit.pts90k(), unit.codec(), info.width(),
                info.height(), location);
        try {
            writer = SpoolWriter.open(spool, meta, unit, settings.fragments());
        } catch (VigilException e) {
            listener.onWriteError(camera, e);
            return false;
        }
        return true;
    }

    /**
     * Finishes the current segment, ending at {@code endPts90k} or (null) after its last picture.
     * Returns its end time, or null if it could not be finished.
     */
    private Instant finish(Long endPts90k) {
        try {
            SpooledSegment segment = writer.finish(endPts90k);
            writer = null;
            listener.onSegment(segment);
            return segment.end();
        } catch (VigilException e) {
            writeFailed(e);
            return null;
        }
    }

    private void writeFailed(VigilException e) {
        listener.onWriteError(camera, e);
        listener.onBreak(camera, BreakReason.WRITE_ERROR);
        if (writer != null) {
            writer.abandon().ifPresent(listener::onSegment); // keeps the complete fragments
        }
        writer = null;
        rolloverStart = null;
    }
}
