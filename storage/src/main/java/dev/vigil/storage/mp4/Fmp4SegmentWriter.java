package dev.vigil.storage.mp4;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.ParameterSets;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Writes one self-contained fragmented MP4 segment: the {@link Fmp4InitSegment}, then
 * {@code moof}/{@code mdat} fragments of stream-copied access units, hashing every byte with
 * SHA-256 as it goes.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #open} writes the init segment at once. The writer never closes the caller's
 *       stream; {@link #finish} flushes it, and the caller closes (and syncs) it.
 *   <li>{@link #write} takes access units in decoding order with strictly increasing
 *       presentation times (streams without B-frame reordering, as surveillance cameras send;
 *       decode time equals presentation time, so {@code trun} has no composition offsets). The
 *       first unit must be a key frame. All units must have the codec and parameter sets of the
 *       init segment: when a camera changes them, finish this segment and open a new one.
 *   <li>A unit that breaks these rules is rejected with {@code INVALID_ARGUMENT} or
 *       {@code FAILED_PRECONDITION} before anything changes; the writer stays usable. An I/O error
 *       fails the writer ({@code UNAVAILABLE}); every later call fails with
 *       {@code FAILED_PRECONDITION}.
 *   <li>Memory: the samples of the fragment in progress are copied, length-prefixed, into one
 *       buffer that the writer keeps and reuses (the caller's access units are not retained, so
 *       they die young and the garbage collector never copies a second of video per camera);
 *       {@link FragmentPolicy} bounds its size.
 *   <li>Not thread-safe: one recorder thread owns a writer.
 * </ul>
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Sample duration is the next sample's pts minus this one's. The last sample of a fragment
 *       gets its duration from the unit that starts the next fragment (the fragment is written
 *       only then), so decode times are exact and never drift. The last sample of the segment has
 *       no successor: {@link #finish(long)} takes the end time from the caller (the next
 *       segment's first pts, so segments abut exactly); {@link #finish()} repeats the previous
 *       sample's duration, or, for a one-sample segment, uses the SPS frame rate or 40 ms.
 *   <li>Decode time 0 is the first sample's pts: {@code tfdt} is the fragment's first pts minus
 *       the segment's, so each file plays from 0 on its own; {@link Fmp4SegmentSummary} keeps
 *       the absolute pts for the catalog.
 *   <li>Parameter sets: the sample entries are {@code avc1}/{@code hvc1}, which keep SPS/PPS
 *       (and VPS) in the sample entry only (ISO/IEC 14496-15 clauses 5.4.2.1.2, 8.4.1.1.2), so
 *       in-band copies identical to the init segment's are dropped from the samples; a different
 *       one is a configuration change and rejected. Other NAL units (AUD, SEI, slices) are kept
 *       as received, each prefixed by its 4-byte length.
 *   <li>Fragment layout (ISO/IEC 14496-12 clause 8.8): {@code moof(mfhd, traf(tfhd
 *       default-base-is-moof, tfdt v1, trun with data offset and per-sample duration, size and
 *       flags))}, then {@code mdat}. Sync samples are flagged {@code sample_depends_on = 2};
 *       others {@code sample_depends_on = 1, sample_is_non_sync_sample = 1}. The per-sample
 *       fields cost 12 bytes a sample, about 0.1 % of a 1 Mbit/s 10 fps stream.
 * </ul>
 */
public final class Fmp4SegmentWriter {

    /** The writer's life: open for units, then finished, or failed by an I/O error. */
    public enum State { OPEN, FINISHED, FAILED }

    /** Duration of a lone last sample when the stream gives no frame rate: 40 ms (25 fps). */
    static final long FALLBACK_SAMPLE_DURATION_90K = 3_600;

    static final int SAMPLE_FLAGS_SYNC = 0x0200_0000;
    static final int SAMPLE_FLAGS_NON_SYNC = 0x0101_0000;
    private static final int TFHD_DEFAULT_BASE_IS_MOOF = 0x02_0000;
    private static final int TRUN_DATA_OFFSET = 0x000001;
    private static final int TRUN_SAMPLE_DURATION = 0x000100;
    private static final int TRUN_SAMPLE_SIZE = 0x000200;
    private static final int TRUN_SAMPLE_FLAGS = 0x000400;
    private static final long MAX_SAMPLE_DURATION_90K = 0xFFFF_FFFFL;
    private static final byte[] MDAT = {'m', 'd', 'a', 't'};

    /** One buffered sample: its NAL units (parameter sets removed) and their sizes. */
    private record Sample(List<byte[]> nalUnits, long pts90k, boolean keyframe, long payloadBytes) {
        long sampleBytes() {
            return payloadBytes + (long) VideoTrackFormat.NAL_LENGTH_SIZE * nalUnits.size();
        }
    }

    /** A sample whose bytes are in {@link #mdat}: only its sizes and timing are kept. */
    private record Buffered(long pts90k, boolean keyframe, long payloadBytes, long sampleBytes) { }

    private final SegmentSink sink;
    private final Fmp4InitSegment init;
    private final FragmentPolicy policy;
    private final BoxWriter moof = new BoxWriter(4096);
    private final List<Buffered> fragment = new ArrayList<>();
    /** The fragment's sample data, each NAL unit with its 4-byte length; reused across fragments. */
    private byte[] mdat = new byte[64 << 10];
    private int mdatUsed;

    private State state = State.OPEN;
    private long fragmentSampleBytes;
    private long firstPts90k = Long.MIN_VALUE;
    private long lastPts90k;
    private long lastDuration90k;
    private long payloadBytes;
    private int sampleCount;
    private int fragmentCount;

    private Fmp4SegmentWriter(SegmentSink sink, Fmp4InitSegment init, FragmentPolicy policy) {
        this.sink = sink;
        this.init = init;
        this.policy = policy;
    }

    /**
     * Starts a segment on {@code out}, writing the init segment built from {@code parameterSets}.
     *
     * @param out borrowed: written and flushed, never closed
     * @throws VigilException {@code INVALID_ARGUMENT} for unusable parameter sets,
     *     {@code UNAVAILABLE} if writing fails
     */
    public static Fmp4SegmentWriter open(OutputStream out, ParameterSets parameterSets, FragmentPolicy policy) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(policy, "policy");
        Fmp4SegmentWriter writer = new Fmp4SegmentWriter(new SegmentSink(out), Fmp4InitSegment.of(parameterSets),
                policy);
        try {
            writer.sink.write(writer.init.bytes());
        } catch (IOException e) {
            throw writer.fail("writing the init segment", e);
        }
        return writer;
    }

    /**
     * Adds one access unit; may first write the fragment it ends.
     *
     * @throws VigilException {@code INVALID_ARGUMENT} for a unit of another codec, a pts not after
     *     the previous one or more than 13 h after it, an empty NAL unit, or a unit of parameter
     *     sets only;
     *     {@code FAILED_PRECONDITION} if the writer is not open, the first unit is not a key frame,
     *     or the unit carries other parameter sets; {@code UNAVAILABLE} if writing fails
     */
    public void write(AccessUnit unit) {
        Objects.requireNonNull(unit, "unit");
        requireOpen("write");
        if (unit.codec() != init.codec()) {
            throw VigilException.invalid(unit.camera() + ": " + unit.codec() + " access unit at pts " + unit.pts90k()
                    + " in a " + init.codec() + " segment");
        }
        if (sampleCount == 0 && fragment.isEmpty()) {
            if (!unit.keyframe()) {
                throw new VigilException(ErrorKind.FAILED_PRECONDITION, unit.camera()
                        + ": a segment must start with a key frame, got a non-key access unit at pts " + unit.pts90k());
            }
        } else {
            long step = unit.pts90k() - lastPts90k;
            if (step <= 0 || step > MAX_SAMPLE_DURATION_90K) {
                throw VigilException.invalid(unit.camera() + ": pts " + unit.pts90k() + " is " + step
                        + " ticks after the previous " + lastPts90k + "; must be 1 to " + MAX_SAMPLE_DURATION_90K
                        + " (B-frames or a clock step: start a new segment)");
            }
        }
        if (unit.parameterSets() != null && !unit.parameterSets().equals(init.parameterSets())) {
            throw parameterSetsChanged(unit, "its parameter sets");
        }
        Sample sample = toSample(unit);

        if (!fragment.isEmpty() && policy.cutsBefore(unit.pts90k() - fragment.get(0).pts90k(), unit.keyframe(),
                fragmentSampleBytes, sample.sampleBytes())) {
            writeFragment(unit.pts90k());
        }
        if (sampleCount == 0 && fragment.isEmpty()) {
            firstPts90k = unit.pts90k();
        } else {
            lastDuration90k = unit.pts90k() - lastPts90k;
        }
        append(sample);
        fragment.add(new Buffered(sample.pts90k(), sample.keyframe(), sample.payloadBytes(), sample.sampleBytes()));
        fragmentSampleBytes += sample.sampleBytes();
        lastPts90k = unit.pts90k();
    }

    /**
     * Writes the last fragment, giving the last sample the previous sample's duration (see the
     * class notes), flushes the stream and returns the summary with the SHA-256.
     *
     * @throws VigilException {@code FAILED_PRECONDITION} if not open or nothing was written,
     *     {@code UNAVAILABLE} if writing fails
     */
    public Fmp4SegmentSummary finish() {
        requireOpen("finish");
        requireSamples();
        long last = lastDuration90k;
        if (last == 0) {
            last = init.frameRate().isPresent() && init.frameRate().getAsDouble() > 0
                    ? Math.max(1, Math.round(Fmp4InitSegment.TIMESCALE / init.frameRate().getAsDouble()))
                    : FALLBACK_SAMPLE_DURATION_90K;
        }
        return finish(lastPts90k + last);
    }

    /**
     * Writes the last fragment with the last sample lasting until {@code endPts90k} (typically the
     * first pts of the next segment), flushes the stream and returns the summary.
     *
     * @throws VigilException {@code INVALID_ARGUMENT} if {@code endPts90k} is not after the last
     *     pts (by at most 13 h); {@code FAILED_PRECONDITION} if not open or nothing was written;
     *     {@code UNAVAILABLE} if writing fails
     */
    public Fmp4SegmentSummary finish(long endPts90k) {
        requireOpen("finish");
        requireSamples();
        long step = endPts90k - lastPts90k;
        if (step <= 0 || step > MAX_SAMPLE_DURATION_90K) {
            throw VigilException.invalid("segment end pts " + endPts90k + " is " + step + " ticks after the last pts "
                    + lastPts90k + "; must be 1 to " + MAX_SAMPLE_DURATION_90K);
        }
        writeFragment(endPts90k);
        try {
            sink.flush();
        } catch (IOException e) {
            throw fail("flushing the segment", e);
        }
        state = State.FINISHED;
        return new Fmp4SegmentSummary(sink.finishSha256(), sink.bytesWritten(), payloadBytes, sampleCount,
                fragmentCount, firstPts90k, endPts90k);
    }

    /** The init segment this writer began with. */
    public Fmp4InitSegment initSegment() {
        return init;
    }

    public State state() {
        return state;
    }

    /** Bytes handed to the stream so far (buffered ones included); the buffered fragment is not. */
    public long bytesWritten() {
        return sink.bytesWritten();
    }

    /** Samples written in complete fragments so far (the buffered fragment is not counted). */
    public int samplesWritten() {
        return sampleCount;
    }

    private Sample toSample(AccessUnit unit) {
        List<byte[]> kept = new ArrayList<>(unit.nalUnits().size());
        long bytes = 0;
        for (byte[] nal : unit.nalUnits()) {
            if (nal.length == 0) {
                throw VigilException.invalid(unit.camera() + ": access unit at pts " + unit.pts90k()
                        + " holds an empty NAL unit");
            }
            byte[] entryCopy = sampleEntryParameterSet(nal);
            if (entryCopy == null) {
                kept.add(nal);
                bytes += nal.length;
            } else if (!Arrays.equals(nal, entryCopy)) {
                throw parameterSetsChanged(unit, "an in-band parameter set (NAL type " + nalType(nal) + ")");
            }
        }
        if (kept.isEmpty()) {
            throw VigilException.invalid(unit.camera() + ": access unit at pts " + unit.pts90k()
                    + " holds only parameter sets, no picture");
        }
        return new Sample(kept, unit.pts90k(), unit.keyframe(), bytes);
    }

    /** The sample entry's parameter set of this NAL's type, or null if the NAL is not one. */
    private byte[] sampleEntryParameterSet(byte[] nal) {
        ParameterSets ps = init.parameterSets();
        return switch (nalType(nal)) {
            case 7 -> init.codec() == Codec.H264 ? ps.sps() : null;
            case 8 -> init.codec() == Codec.H264 ? ps.pps() : null;
            case 32 -> init.codec() == Codec.H265 ? ps.vps() : null;
            case 33 -> init.codec() == Codec.H265 ? ps.sps() : null;
            case 34 -> init.codec() == Codec.H265 ? ps.pps() : null;
            default -> null;
        };
    }

    private int nalType(byte[] nal) {
        return init.codec() == Codec.H264 ? nal[0] & 0x1F : (nal[0] >> 1) & 0x3F;
    }

    private void writeFragment(long endPts90k) {
        int count = fragment.size();
        moof.reset();
        int moofStart = moof.begin("moof");
        int mfhd = moof.beginFull("mfhd", 0, 0);
        moof.u32(fragmentCount + 1L); // sequence_number, from 1
        moof.end(mfhd);
        int traf = moof.begin("traf");
        int tfhd = moof.beginFull("tfhd", 0, TFHD_DEFAULT_BASE_IS_MOOF);
        moof.u32(Fmp4InitSegment.TRACK_ID);
        moof.end(tfhd);
        int tfdt = moof.beginFull("tfdt", 1, 0);
        moof.u64(fragment.get(0).pts90k() - firstPts90k); // baseMediaDecodeTime
        moof.end(tfdt);
        int trun = moof.beginFull("trun", 0,
                TRUN_DATA_OFFSET | TRUN_SAMPLE_DURATION | TRUN_SAMPLE_SIZE | TRUN_SAMPLE_FLAGS);
        moof.u32(count);
        int dataOffsetField = moof.size();
        moof.u32(0); // data_offset, patched below
        long mdatPayload = 0;
        for (int i = 0; i < count; i++) {
            Buffered s = fragment.get(i);
            long next = i + 1 < count ? fragment.get(i + 1).pts90k() : endPts90k;
            moof.u32(next - s.pts90k());
            moof.u32(s.sampleBytes());
            moof.u32(s.keyframe() ? SAMPLE_FLAGS_SYNC : SAMPLE_FLAGS_NON_SYNC);
            mdatPayload += s.sampleBytes();
        }
        moof.end(trun);
        moof.end(traf);
        moof.end(moofStart);
        moof.putU32(dataOffsetField, moof.size() + 8L); // first sample: just past the mdat header

        try {
            moof.writeTo(sink);
            sink.writeU32(8 + mdatPayload);
            sink.write(MDAT);
            sink.write(mdat, 0, mdatUsed);
            for (Buffered s : fragment) {
                payloadBytes += s.payloadBytes();
            }
            // Each whole fragment reaches the caller's stream at once: a process killed later
            // loses at most the fragment in progress (a spool file is then cut after this one).
            sink.flush();
        } catch (IOException e) {
            throw fail("writing fragment " + (fragmentCount + 1), e);
        }
        sampleCount += count;
        fragmentCount++;
        fragment.clear();
        fragmentSampleBytes = 0;
        mdatUsed = 0;
        if (mdat.length > (4 << 20)) {
            mdat = new byte[64 << 10]; // after an outsized fragment, give the memory back
        }
    }

    /** Copies the sample's NAL units, each after its 4-byte length, into the fragment buffer. */
    private void append(Sample sample) {
        long needed = mdatUsed + sample.sampleBytes();
        if (needed > mdat.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw VigilException.invalid("fragment of " + needed + " bytes is too large");
            }
            mdat = Arrays.copyOf(mdat, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 16, 2L * mdat.length)));
        }
        for (byte[] nal : sample.nalUnits()) {
            int n = nal.length;
            mdat[mdatUsed] = (byte) (n >>> 24);
            mdat[mdatUsed + 1] = (byte) (n >>> 16);
            mdat[mdatUsed + 2] = (byte) (n >>> 8);
            mdat[mdatUsed + 3] = (byte) n;
            System.arraycopy(nal, 0, mdat, mdatUsed + 4, n);
            mdatUsed += 4 + n;
        }
    }

    private void requireOpen(String operation) {
        if (state != State.OPEN) {
            throw new VigilException(ErrorKind.FAILED_PRECONDITION,
                    "cannot " + operation + ": segment writer must be OPEN, was " + state);
        }
    }

    private void requireSamples() {
        if (fragment.isEmpty() && sampleCount == 0) {
            throw new VigilException(ErrorKind.FAILED_PRECONDITION,
                    "cannot finish a segment without access units; discard it instead");
        }
    }

    private VigilException parameterSetsChanged(AccessUnit unit, String what) {
        return new VigilException(ErrorKind.FAILED_PRECONDITION, unit.camera() + ": access unit at pts "
                + unit.pts90k() + " carries " + what + " other than the segment's; finish this segment and "
                + "open one with the new parameter sets");
    }

    private VigilException fail(String doing, IOException e) {
        state = State.FAILED;
        return new VigilException(ErrorKind.UNAVAILABLE, doing + " failed after " + sink.bytesWritten()
                + " bytes: " + e.getMessage(), e);
    }
}
