package dev.vigil.storage.export;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.ParameterSets;
import dev.vigil.storage.mp4.Fmp4Reader;
import dev.vigil.storage.mp4.Fmp4SegmentSummary;
import dev.vigil.storage.mp4.Fmp4SegmentWriter;
import dev.vigil.storage.mp4.FragmentPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The export's timeline: takes the samples of the source segments in order, cuts them to the
 * range at key frames, and writes them into parts through {@link Fmp4SegmentWriter}, opening a new
 * part after a gap or a parameter-set change. Used by {@link ExportService}; not thread-safe.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Time: a sample's wall-clock time is its segment's catalog start plus its decode time
 *       (decode time 0 is the segment's first picture). Its pts is the segment start's offset
 *       from {@code from} in 90 kHz ticks, rounded once per segment, plus its decode time, so
 *       pictures of one segment keep their exact spacing.
 *   <li>Start: until a sample after {@code from} arrives, the samples from the last key frame at
 *       or before {@code from} are held (one GOP at most); then they are written. Without such a
 *       key frame the export starts at the first key frame after {@code from}.
 *   <li>End: the pictures before {@code to} are written; the last one lasts until the first
 *       sample at or after {@code to} (or, at the end of the recordings, for its own duration).
 *   <li>Seams and gaps: when the next picture starts at most {@code gapTolerance} after the end
 *       of the previous one, the previous picture lasts until it (as a player would show it);
 *       a longer gap ends the part and the next part starts at the next key frame, so that every
 *       part is one continuous recording whose file time plus its first picture's wall-clock time
 *       is the wall-clock time of any picture in it. A frozen picture standing in for minutes
 *       with no video would misstate what was recorded.
 *   <li>Parameter sets: one MP4 track has one sample entry, so a change (new SPS after a camera
 *       reconfiguration, or another codec) ends the part, and the next starts with it.
 * </ul>
 */
final class PartAssembler {
    private enum State { SEEKING_START, WRITING, DONE }

    private static final long TICKS_PER_SECOND = 90_000;

    /** A sample placed on the export's timeline. */
    private record Placed(Fmp4Reader.Sample sample, ParameterSets parameterSets, long pts90k, long end90k,
            Instant wallClock) {}

    private final ExportRequest request;
    private final ExportSink sink;
    private final FragmentPolicy policy;
    private final long tolerance90k;
    private final long rangeNanos;
    private final List<Placed> pending = new ArrayList<>();
    private final List<ExportManifest.Part> parts = new ArrayList<>();

    private State state = State.SEEKING_START;
    private ExportManifest.PartStart nextStart = ExportManifest.PartStart.RANGE_START;
    // The current source.
    private Instant segmentStart;
    private long segmentOffsetNanos;
    private long segmentOffset90k;
    private Fmp4Reader.Track track;
    // The open part.
    private OutputStream out;
    private Fmp4SegmentWriter writer;
    private ExportManifest.PartStart partStart;
    private int pictures;
    private Instant firstPicture;
    private Instant lastPicture;
    private long lastPts90k;
    private long lastEnd90k;

    PartAssembler(ExportRequest request, ExportSink sink, FragmentPolicy policy, Duration gapTolerance) {
        this.request = request;
        this.sink = sink;
        this.policy = policy;
        this.tolerance90k = ticks(gapTolerance.toNanos());
        this.rangeNanos = Duration.between(request.from(), request.to()).toNanos();
    }

    /** Starts the next source segment, whose first picture was at {@code start}. */
    void beginSource(Instant start, Fmp4Reader.Track sourceTrack) {
        segmentStart = start;
        segmentOffsetNanos = Duration.between(request.from(), start).toNanos();
        segmentOffset90k = Math.floorDiv(segmentOffsetNanos * 9 + 50_000, 100_000);
        track = sourceTrack;
    }

    /** Whether the range's end has been reached: no more samples are wanted. */
    boolean done() {
        return state == State.DONE;
    }

    /**
     * Offers the current source's next sample.
     *
     * @return whether more samples are wanted
     */
    boolean accept(Fmp4Reader.Sample sample) {
        if (state == State.DONE) {
            return false;
        }
        if (sample.compositionOffset() != 0) {
            throw new VigilException(ErrorKind.UNIMPLEMENTED, "a sample at decode time " + sample.decodeTime()
                    + " has a composition offset (B-frames); export copies streams without reordering only");
        }
        long timescale = track.timescale();
        long offsetNanos = segmentOffsetNanos + scale(sample.decodeTime(), 1_000_000_000L, timescale);
        long pts = segmentOffset90k + scale(sample.decodeTime(), TICKS_PER_SECOND, timescale);
        long end = pts + Math.max(1, scale(sample.duration(), TICKS_PER_SECOND, timescale));
        Placed placed = new Placed(sample, track.parameterSets(), pts, end,
                segmentStart.plusNanos(scale(sample.decodeTime(), 1_000_000_000L, timescale)));
        if (state == State.SEEKING_START) {
            if (offsetNanos <= 0) {
                if (sample.sync()) {
                    pending.clear();
                    pending.add(placed);
                } else if (!pending.isEmpty()) {
                    pending.add(placed);
                }
                return true;
            }
            flushPending();
            state = State.WRITING;
        }
        if (offsetNanos >= rangeNanos) {
            if (writer != null) {
                closePart(pts > lastPts90k && pts - lastEnd90k <= tolerance90k ? pts : lastEnd90k);
            }
            state = State.DONE;
            return false;
        }
        write(placed);
        return true;
    }

    /** Writes what is held and finishes the open part; returns every part, possibly none. */
    List<ExportManifest.Part> finish() {
        flushPending();
        if (writer != null) {
            closePart(lastEnd90k);
        }
        state = State.DONE;
        return List.copyOf(parts);
    }

    /** After a failure: closes the open part's stream, quietly; the sink's owner discards it. */
    void abort() {
        state = State.DONE;
        if (out != null) {
            try {
                out.close();
            } catch (IOException | RuntimeException ignored) {
                // the export has failed already; this part is discarded
            }
            out = null;
            writer = null;
        }
    }

    private void flushPending() {
        for (Placed p : pending) {
            write(p);
        }
        pending.clear();
    }

    private void write(Placed p) {
        if (writer != null) {
            if (!p.parameterSets().equals(writer.initSegment().parameterSets())) {
                closePart(lastEnd90k);
                nextStart = ExportManifest.PartStart.PARAMETER_SETS_CHANGED;
            } else if (p.pts90k() - lastEnd90k > tolerance90k) {
                closePart(lastEnd90k);
                nextStart = ExportManifest.PartStart.GAP;
            } else if (p.pts90k() <= lastPts90k) {
                throw new VigilException(ErrorKind.FAILED_PRECONDITION, "the picture at " + p.wallClock()
                        + " is not after the previous one at " + lastPicture + ": recordings overlap; cannot stitch");
            }
        }
        if (writer == null) {
            if (!p.sample().sync()) {
                return; // undecodable without its key frame
            }
            openPart(p.parameterSets());
        }
        writer.write(new AccessUnit(request.camera(), p.parameterSets().codec(), p.sample().nalUnits(), p.pts90k(),
                p.wallClock(), p.sample().sync(), p.parameterSets(), false));
        if (pictures++ == 0) {
            firstPicture = p.wallClock();
        }
        lastPicture = p.wallClock();
        lastPts90k = p.pts90k();
        lastEnd90k = p.end90k();
    }

    private void openPart(ParameterSets parameterSets) {
        int number = parts.size() + 1;
        try {
            out = sink.openPart(number);
        } catch (IOException e) {
            throw new VigilException(ErrorKind.UNAVAILABLE, "cannot create export part " + sink.partName(number) + ": "
                    + e.getMessage(), e);
        }
        writer = Fmp4SegmentWriter.open(out, parameterSets, policy);
        partStart = nextStart;
        pictures = 0;
    }

    private void closePart(long end90k) {
        Fmp4SegmentSummary summary = writer.finish(end90k);
        try {
            out.close();
        } catch (IOException e) {
            throw new VigilException(ErrorKind.UNAVAILABLE, "closing export part " + sink.partName(parts.size() + 1)
                    + " failed: " + e.getMessage(), e);
        }
        Instant end = lastPicture.plusNanos(Math.floorDiv((end90k - lastPts90k) * 100_000, 9));
        parts.add(new ExportManifest.Part(sink.partName(parts.size() + 1), summary.sha256(), summary.bytesWritten(),
                writer.initSegment().codec(), pictures, firstPicture, lastPicture, end, partStart));
        out = null;
        writer = null;
    }

    /** {@code value * unit / timescale} without overflow for any value a 2-hour segment reaches. */
    private static long scale(long value, long unit, long timescale) {
        return value / timescale * unit + value % timescale * unit / timescale;
    }

    private static long ticks(long nanos) {
        return Math.floorDiv(nanos * 9, 100_000);
    }
}
