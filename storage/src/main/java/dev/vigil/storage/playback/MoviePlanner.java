package dev.vigil.storage.playback;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.ParameterSets;
import dev.vigil.core.model.TimeRange;
import dev.vigil.storage.catalog.Recording;
import dev.vigil.storage.mp4.Fmp4Index;
import dev.vigil.storage.mp4.Mp4SampleTable;
import dev.vigil.storage.mp4.ProgressiveMp4Header;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plans the MP4 of one continuous run of segments cut to an asked range, from the segments'
 * indexes alone. Pure; not thread-safe (one planner per plan).
 *
 * <p>Implementation notes (the same timeline rules as {@code storage.export.PartAssembler}, so a
 * movie and an export of one range hold the same pictures):
 * <ul>
 *   <li>Time: a sample's wall-clock time is its segment's catalog start plus its decode time; its
 *       presentation time is the segment start's offset from the asked start in 90 kHz ticks,
 *       rounded once per segment, plus its decode time, so one segment's pictures keep their spacing.
 *   <li>Start: the samples from the last key frame at or before the asked start are taken once a
 *       sample after it arrives; without such a key frame the movie starts at the first key frame
 *       after it.
 *   <li>End: the pictures before the asked end; the last lasts until the next sample when that
 *       one follows within the tolerance, else for its own duration.
 *   <li>Seams of up to the tolerance between segments are bridged by lengthening the picture
 *       before them; a longer gap inside the run stops the movie there ({@link MoviePlan#stoppedBefore}).
 *   <li>Bytes: consecutive samples that lie back to back in one object form one extent and one
 *       MP4 chunk, so a one-second fragment of a segment is one chunk and one ranged read.
 * </ul>
 */
final class MoviePlanner {
    private static final long TICKS_PER_SECOND = 90_000;

    /** One segment of the run and its index. */
    record Source(Recording recording, Fmp4Index index) {}

    private final TimeRange asked;
    private final long tolerance90k;
    private final long rangeNanos;
    private final List<Source> sources;

    // Chosen samples, in order.
    private int count;
    private int[] sourceOf = new int[1024];
    private int[] sampleOf = new int[1024];
    private long[] pts = new long[1024];
    private long lastEnd90k;
    // Samples since the last key frame at or before the asked start.
    private final List<long[]> leadIn = new ArrayList<>(); // {source, sample, pts, end}
    private boolean seeking = true;
    private Long finalEnd90k;
    private Instant stoppedBefore;

    private MoviePlanner(TimeRange asked, List<Source> sources, Duration tolerance) {
        this.asked = asked;
        this.sources = sources;
        this.tolerance90k = Math.floorDiv(tolerance.toNanos() * 9, 100_000);
        this.rangeNanos = asked.duration().toNanos();
    }

    /**
     * Plans the movie.
     *
     * @param run segments of one camera in time order, all with the same parameter sets
     * @throws VigilException NOT_FOUND when no key frame falls in the range, FAILED_PRECONDITION
     *     when recordings overlap, UNIMPLEMENTED for NAL length fields other than 4 bytes
     */
    static MoviePlan plan(TimeRange asked, List<Source> run, Duration tolerance) {
        if (run.isEmpty()) {
            throw new IllegalArgumentException("a movie needs at least one segment");
        }
        return new MoviePlanner(asked, List.copyOf(run), tolerance).plan();
    }

    private MoviePlan plan() {
        ParameterSets parameterSets = sources.get(0).index().track().parameterSets();
        walk:
        for (int s = 0; s < sources.size(); s++) {
            Source source = sources.get(s);
            Fmp4Index index = source.index();
            if (index.track().nalLengthSize() != 4) {
                throw new VigilException(ErrorKind.UNIMPLEMENTED, source.recording().objectKey() + ": NAL length fields"
                        + " of " + index.track().nalLengthSize() + " bytes; playback copies 4-byte ones only");
            }
            if (!index.track().parameterSets().equals(parameterSets)) {
                stoppedBefore = source.recording().start();
                break;
            }
            long timescale = index.track().timescale();
            long segmentNanos = Duration.between(asked.start(), source.recording().start()).toNanos();
            long segment90k = Math.floorDiv(segmentNanos * 9 + 50_000, 100_000);
            for (int i = 0; i < index.sampleCount(); i++) {
                long offsetNanos = segmentNanos + scale(index.decodeTime(i), 1_000_000_000L, timescale);
                long p = segment90k + scale(index.decodeTime(i), TICKS_PER_SECOND, timescale);
                long end = p + Math.max(1, scale(index.duration(i), TICKS_PER_SECOND, timescale));
                if (seeking) {
                    if (offsetNanos <= 0) {
                        if (index.sync(i)) {
                            leadIn.clear();
                        }
                        if (index.sync(i) || !leadIn.isEmpty()) {
                            leadIn.add(new long[] {s, i, p, end});
                        }
                        continue;
                    }
                    seeking = false;
                    for (long[] held : leadIn) {
                        if (!take((int) held[0], (int) held[1], held[2], held[3])) {
                            break walk;
                        }
                    }
                    leadIn.clear();
                }
                if (offsetNanos >= rangeNanos) {
                    if (count > 0) {
                        finalEnd90k = p > pts[count - 1] && p - lastEnd90k <= tolerance90k ? p : lastEnd90k;
                    }
                    break walk;
                }
                if (!take(s, i, p, end)) {
                    break walk;
                }
            }
        }
        if (seeking) {
            for (long[] held : leadIn) {
                if (!take((int) held[0], (int) held[1], held[2], held[3])) {
                    break;
                }
            }
        }
        if (count == 0) {
            throw new VigilException(ErrorKind.NOT_FOUND, "no key frame in " + asked + " ("
                    + sources.size() + " recording(s) looked at)");
        }
        return build(parameterSets);
    }

    /** Adds one sample; false when a gap before it ends the movie. */
    private boolean take(int source, int sample, long p, long end) {
        if (count > 0) {
            if (p - lastEnd90k > tolerance90k) {
                stoppedBefore = wallClock(source, sample);
                return false;
            }
            if (p <= pts[count - 1]) {
                throw new VigilException(ErrorKind.FAILED_PRECONDITION, "the picture at " + wallClock(source, sample)
                        + " is not after the previous one at " + wallClock(sourceOf[count - 1], sampleOf[count - 1])
                        + ": recordings overlap; cannot stitch");
            }
        } else if (!sources.get(source).index().sync(sample)) {
            return true; // undecodable without its key frame: wait for one
        }
        if (count == pts.length) {
            sourceOf = Arrays.copyOf(sourceOf, count * 2);
            sampleOf = Arrays.copyOf(sampleOf, count * 2);
            pts = Arrays.copyOf(pts, count * 2);
        }
        sourceOf[count] = source;
        sampleOf[count] = sample;
        pts[count] = p;
        count++;
        lastEnd90k = end;
        return true;
    }

    private MoviePlan build(ParameterSets parameterSets) {
        long end90k = finalEnd90k != null ? finalEnd90k : lastEnd90k;
        Mp4SampleTable table = new Mp4SampleTable();
        List<long[]> runs = new ArrayList<>(); // {source, sourceOffset, length, payloadOffset}
        long payload = 0;
        for (int k = 0; k < count; k++) {
            Fmp4Index index = sources.get(sourceOf[k]).index();
            long offset = index.offset(sampleOf[k]);
            int size = index.size(sampleOf[k]);
            long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last == null || last[0] != sourceOf[k] || last[1] + last[2] != offset) {
                last = new long[] {sourceOf[k], offset, 0, payload};
                runs.add(last);
                table.startChunk(payload);
            }
            last[2] += size;
            payload += size;
            long next = k + 1 < count ? pts[k + 1] : end90k;
            table.add(size, next - pts[k], index.sync(sampleOf[k]));
        }
        byte[] head = ProgressiveMp4Header.write(parameterSets, table);
        MoviePlan.Extent[] extents = new MoviePlan.Extent[runs.size()];
        for (int r = 0; r < extents.length; r++) {
            long[] run = runs.get(r);
            extents[r] = new MoviePlan.Extent(sources.get((int) run[0]).recording().objectKey(), run[1], run[2],
                    head.length + run[3]);
        }
        Instant start = wallClock(sourceOf[0], sampleOf[0]);
        Instant end = start.plusNanos(Math.floorDiv((end90k - pts[0]) * 100_000, 9));
        return new MoviePlan(head, extents, start, end, count, stoppedBefore);
    }

    private Instant wallClock(int source, int sample) {
        Source s = sources.get(source);
        return s.recording().start().plusNanos(scale(s.index().decodeTime(sample), 1_000_000_000L,
                s.index().track().timescale()));
    }

    /** {@code value * unit / timescale} without overflow for any value a 2-hour segment reaches. */
    private static long scale(long value, long unit, long timescale) {
        return value / timescale * unit + value % timescale * unit / timescale;
    }
}
