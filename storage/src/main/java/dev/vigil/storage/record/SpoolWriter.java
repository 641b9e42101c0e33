package dev.vigil.storage.record;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.storage.mp4.Fmp4SegmentSummary;
import dev.vigil.storage.mp4.Fmp4SegmentWriter;
import dev.vigil.storage.mp4.FragmentPolicy;
import java.time.Instant;
import java.util.Optional;

/**
 * One fMP4 file being written into the {@link Spool}: a segment or a clip. Its start is its first
 * picture's wall clock (or a given start when it continues the previous segment); every later
 * time is that plus the presentation-time offset, which is what the file's decode times say.
 * Not thread-safe.
 */
final class SpoolWriter {
    private final Spool spool;
    private final Spool.Part part;
    private final Fmp4SegmentWriter writer;
    private final Instant start;
    private final long firstPts;
    private long lastPts;

    private SpoolWriter(Spool spool, Spool.Part part, Fmp4SegmentWriter writer, Instant start, long firstPts) {
        this.spool = spool;
        this.part = part;
        this.writer = writer;
        this.start = start;
        this.firstPts = firstPts;
        this.lastPts = firstPts;
    }

    /**
     * Starts a file for {@code meta} whose first picture will be {@code first} (a key frame with
     * parameter sets).
     *
     * @throws VigilException when the spool cannot take it (the partial file is salvaged or removed)
     */
    static SpoolWriter open(Spool spool, SegmentMeta meta, AccessUnit first, FragmentPolicy policy) {
        Spool.Part part = spool.begin(meta);
        try {
            Fmp4SegmentWriter writer = Fmp4SegmentWriter.open(part.stream(), first.parameterSets(), policy);
            return new SpoolWriter(spool, part, writer, meta.start(), first.pts90k());
        } catch (VigilException e) {
            spool.abandon(part);
            throw e;
        }
    }

    /** @throws VigilException when the unit is unfit or writing fails; then call {@link #abandon} */
    void write(AccessUnit unit) {
        writer.write(unit);
        part.account(writer.bytesWritten());
        lastPts = unit.pts90k();
    }

    /**
     * Finishes the file, ending at {@code endPts90k} or, when null, after the last picture, and
     * publishes it in the spool.
     *
     * @throws VigilException when finishing fails; then call {@link #abandon}
     */
    SpooledSegment finish(Long endPts90k) {
        Fmp4SegmentSummary summary = endPts90k == null ? writer.finish() : writer.finish(endPts90k);
        return spool.complete(part, summary, timeAt(summary.endPts90k()));
    }

    /** Gives the file up after an error, keeping its complete fragments if any. */
    Optional<SpooledSegment> abandon() {
        return spool.abandon(part);
    }

    Instant timeAt(long pts90k) {
        return start.plusNanos((pts90k - firstPts) * 100_000 / 9);
    }

    long firstPts() {
        return firstPts;
    }

    long lastPts() {
        return lastPts;
    }

    /** The parameter sets of the file's sample entry. */
    dev.vigil.core.model.ParameterSets parameterSets() {
        return writer.initSegment().parameterSets();
    }
}
