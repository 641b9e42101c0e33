package dev.vigil.storage.mp4;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * Parses one buffered {@code moof} box into its track fragments and their samples (ISO/IEC
 * 14496-12 clause 8.8: {@code mfhd}, {@code traf(tfhd, tfdt, trun...)}), shared by
 * {@link Fmp4Scanner} and {@link Fmp4Reader}. Pure: bytes in, records out; malformed input is a
 * {@code DATA_LOSS} {@link dev.vigil.core.error.VigilException}.
 *
 * <p>Implementation notes: sample duration, size and flags come from the {@code trun} when it
 * carries them, else from {@code tfhd} defaults, else from the track's {@code trex} defaults
 * (passed in). Sample data positions follow clause 8.8.7.1: the base is {@code base_data_offset}
 * when present, else the {@code moof}'s first byte when {@code default-base-is-moof} is set or for
 * the first {@code traf}, else the end of the previous {@code traf}'s data; a {@code trun} without
 * {@code data_offset} continues after the previous run.
 */
final class MoofParser {
    /** More samples than this in one {@code trun} is treated as damage. */
    static final long MAX_SAMPLES_PER_RUN = 1 << 20;
    /** {@code sample_is_non_sync_sample} in the sample flags (clause 8.8.3.1). */
    static final int NON_SYNC = 0x0001_0000;

    private static final int TFHD_BASE_DATA_OFFSET = 0x01;
    private static final int TFHD_DESCRIPTION_INDEX = 0x02;
    private static final int TFHD_DEFAULT_DURATION = 0x08;
    private static final int TFHD_DEFAULT_SIZE = 0x10;
    private static final int TFHD_DEFAULT_FLAGS = 0x20;
    private static final int TFHD_DEFAULT_BASE_IS_MOOF = 0x02_0000;
    private static final int TRUN_DATA_OFFSET = 0x001;
    private static final int TRUN_FIRST_FLAGS = 0x004;
    private static final int TRUN_DURATION = 0x100;
    private static final int TRUN_SIZE = 0x200;
    private static final int TRUN_FLAGS = 0x400;
    private static final int TRUN_COMPOSITION = 0x800;

    /** A track's {@code trex} defaults; {@link #NONE} where no {@code moov} is known. */
    record TrackDefaults(long duration, long size, int flags) {
        static final TrackDefaults NONE = new TrackDefaults(0, 0, 0);
    }

    /**
     * One sample as the fragment describes it.
     *
     * @param offset absolute position of its data in the file
     */
    record SampleEntry(long duration, long size, int flags, long compositionOffset, long offset) {
        boolean sync() {
            return (flags & NON_SYNC) == 0;
        }
    }

    /** One {@code traf}: its track, {@code tfdt} decode time when present, and its samples in order. */
    record TrackFragment(long trackId, OptionalLong baseDecodeTime, List<SampleEntry> samples) {
        long durations() {
            long sum = 0;
            for (SampleEntry s : samples) {
                sum += s.duration();
            }
            return sum;
        }
    }

    /** One {@code moof}: its {@code mfhd} sequence number (0 if absent) and track fragments. */
    record MovieFragment(long sequenceNumber, List<TrackFragment> trackFragments) {
        /** The fragment of {@code trackId}, or {@code null}. */
        TrackFragment track(long trackId) {
            for (TrackFragment t : trackFragments) {
                if (t.trackId() == trackId) {
                    return t;
                }
            }
            return null;
        }
    }

    private MoofParser() {}

    /**
     * @param moof the whole {@code moof} box, header included; borrowed
     * @param moofOffset where the box starts in the file
     * @param defaults the {@code trex} defaults of a track ID
     */
    static MovieFragment parse(byte[] moof, long moofOffset, LongFunction<TrackDefaults> defaults) {
        BoxReader r = new BoxReader(moof, "moof at offset " + moofOffset);
        BoxReader.Box box = r.children(0, moof.length).get(0);
        long sequence = 0;
        List<TrackFragment> trafs = new ArrayList<>();
        long previousDataEnd = moofOffset;
        for (BoxReader.Box child : r.children(box.payload(), box.end())) {
            if (child.type().equals("mfhd")) {
                sequence = r.u32(child.payload() + 4);
            } else if (child.type().equals("traf")) {
                TrackFragment traf = parseTraf(r, child, moofOffset, trafs.isEmpty() ? moofOffset : previousDataEnd,
                        defaults);
                for (SampleEntry s : traf.samples()) {
                    previousDataEnd = Math.max(previousDataEnd, s.offset() + s.size());
                }
                trafs.add(traf);
            }
        }
        return new MovieFragment(sequence, List.copyOf(trafs));
    }

    private static TrackFragment parseTraf(BoxReader r, BoxReader.Box traf, long moofOffset, long implicitBase,
            LongFunction<TrackDefaults> defaults) {
        BoxReader.Box tfhd = r.require(traf, "tfhd");
        int flags = (int) r.u32(tfhd.payload()) & 0xFF_FFFF;
        int p = tfhd.payload() + 4;
        long trackId = r.u32(p);
        p += 4;
        TrackDefaults trex = defaults.apply(trackId);
        long base = (flags & TFHD_DEFAULT_BASE_IS_MOOF) != 0 ? moofOffset : implicitBase;
        if ((flags & TFHD_BASE_DATA_OFFSET) != 0) {
            base = r.u64(p);
            p += 8;
        }
        p += (flags & TFHD_DESCRIPTION_INDEX) != 0 ? 4 : 0;
        long duration = trex.duration();
        long size = trex.size();
        int sampleFlags = trex.flags();
        if ((flags & TFHD_DEFAULT_DURATION) != 0) {
            duration = r.u32(p);
            p += 4;
        }
        if ((flags & TFHD_DEFAULT_SIZE) != 0) {
            size = r.u32(p);
            p += 4;
        }
        if ((flags & TFHD_DEFAULT_FLAGS) != 0) {
            sampleFlags = r.s32(p);
        }
        TrackDefaults tfhdDefaults = new TrackDefaults(duration, size, sampleFlags);

        OptionalLong decodeTime = OptionalLong.empty();
        List<SampleEntry> samples = new ArrayList<>();
        long next = base;
        for (BoxReader.Box child : r.children(traf.payload(), traf.end())) {
            if (child.type().equals("tfdt")) {
                decodeTime = OptionalLong.of(r.u8(child.payload()) == 1 ? r.u64(child.payload() + 4)
                        : r.u32(child.payload() + 4));
            } else if (child.type().equals("trun")) {
                next = parseTrun(r, child, base, next, tfhdDefaults, samples);
            }
        }
        return new TrackFragment(trackId, decodeTime, List.copyOf(samples));
    }

    /** Adds the run's samples; returns where the next run's data starts by default. */
    private static long parseTrun(BoxReader r, BoxReader.Box trun, long base, long continueAt, TrackDefaults d,
            List<SampleEntry> samples) {
        int version = r.u8(trun.payload());
        int flags = (int) r.u32(trun.payload()) & 0xFF_FFFF;
        int p = trun.payload() + 4;
        long count = r.u32(p);
        p += 4;
        if (count > MAX_SAMPLES_PER_RUN) {
            throw r.malformed(trun.offset(), "trun of " + count + " samples, more than " + MAX_SAMPLES_PER_RUN);
        }
        long at = continueAt;
        if ((flags & TRUN_DATA_OFFSET) != 0) {
            at = base + r.s32(p);
            p += 4;
        }
        int firstFlags = d.flags();
        boolean hasFirstFlags = (flags & TRUN_FIRST_FLAGS) != 0;
        if (hasFirstFlags) {
            firstFlags = r.s32(p);
            p += 4;
        }
        for (long i = 0; i < count; i++) {
            long duration = d.duration();
            long size = d.size();
            int sampleFlags = i == 0 && hasFirstFlags ? firstFlags : d.flags();
            long composition = 0;
            if ((flags & TRUN_DURATION) != 0) {
                duration = r.u32(p);
                p += 4;
            }
            if ((flags & TRUN_SIZE) != 0) {
                size = r.u32(p);
                p += 4;
            }
            if ((flags & TRUN_FLAGS) != 0) {
                sampleFlags = r.s32(p);
                p += 4;
            }
            if ((flags & TRUN_COMPOSITION) != 0) {
                composition = version == 0 ? r.u32(p) : r.s32(p);
                p += 4;
            }
            samples.add(new SampleEntry(duration, size, sampleFlags, composition, at));
            at += size;
        }
        return at;
    }
}
