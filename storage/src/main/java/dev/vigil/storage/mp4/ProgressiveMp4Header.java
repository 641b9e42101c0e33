package dev.vigil.storage.mp4;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.ParameterSets;
import java.util.Objects;

/**
 * The head of a plain ("progressive", non-fragmented) one-track MP4 whose {@code moov} comes
 * first: {@code ftyp}, {@code moov} with the complete sample table, and the header of the
 * {@code mdat} whose payload follows (ISO/IEC 14496-12 clauses 4.3, 8.2-8.7). Players read the
 * {@code moov} once and then fetch any sample by its offset, so a browser's {@code <video>} knows
 * the duration and seeks to any key frame with HTTP range requests; this is why playback is
 * served in this layout rather than as fragments.
 *
 * <p>Layout choices: media timescale 90 000 (the samples' RTP clock), movie timescale 1000; sample
 * entry {@code avc1}/{@code hvc1} as in {@link Fmp4InitSegment} (parameter sets in the sample entry
 * only); {@code stss} only when some sample is not a key frame; chunk offsets as {@code stco}
 * when the whole file stays under 4 GiB, else {@code co64}, and an {@code mdat} with a 64-bit size
 * past 4 GiB. No edit list: media time 0 is the first sample. Brands {@code isom}, compatible
 * {@code isom iso2 mp41}. Pure.
 */
public final class ProgressiveMp4Header {
    private static final long MOVIE_TIMESCALE = 1000;
    private static final String[] COMPATIBLE_BRANDS = {"isom", "iso2", "mp41"};

    private ProgressiveMp4Header() {
    }

    /**
     * The bytes from the start of the file to the first byte of the {@code mdat} payload; the
     * table's chunk offsets are relative to that payload, which the caller appends
     * ({@link Mp4SampleTable#payloadBytes()} bytes).
     *
     * @throws VigilException {@code INVALID_ARGUMENT} for an empty table or unusable parameter sets
     */
    public static byte[] write(ParameterSets parameterSets, Mp4SampleTable table) {
        Objects.requireNonNull(parameterSets, "parameterSets");
        Objects.requireNonNull(table, "table");
        if (table.sampleCount() == 0) {
            throw VigilException.invalid("an MP4 needs at least one sample");
        }
        VideoTrackFormat format = VideoTrackFormat.of(parameterSets);
        // Offsets are fixed-width fields: write once to learn the head's size, then with the real base.
        boolean large = table.payloadBytes() + 4096 + 20L * table.sampleCount() + 16L * table.chunkCount() > 0xFFFF_FFFFL;
        int headBytes = head(format, table, 0, large).length;
        return head(format, table, headBytes, large);
    }

    private static byte[] head(VideoTrackFormat format, Mp4SampleTable table, long payloadStart, boolean large) {
        BoxWriter w = new BoxWriter(4096 + 16 * table.sampleCount());
        int ftyp = w.begin("ftyp");
        w.fourcc("isom");
        w.u32(0x200);
        for (String brand : COMPATIBLE_BRANDS) {
            w.fourcc(brand);
        }
        w.end(ftyp);
        writeMoov(w, format, table, payloadStart, large);
        long mdatSize = table.payloadBytes() + (large ? 16 : 8);
        if (large) {
            w.u32(1);
            w.fourcc("mdat");
            w.u64(mdatSize);
        } else {
            w.u32(mdatSize);
            w.fourcc("mdat");
        }
        return w.toByteArray();
    }

    private static void writeMoov(BoxWriter w, VideoTrackFormat format, Mp4SampleTable table, long payloadStart,
            boolean large) {
        long mediaDuration = table.duration90k();
        long movieDuration = Math.floorDiv(mediaDuration * MOVIE_TIMESCALE + Fmp4InitSegment.TIMESCALE / 2,
                Fmp4InitSegment.TIMESCALE);
        int version = mediaDuration > 0xFFFF_FFFFL ? 1 : 0;
        int moov = w.begin("moov");

        int mvhd = w.beginFull("mvhd", version, 0);
        times(w, version);
        w.u32(MOVIE_TIMESCALE);
        duration(w, version, movieDuration);
        w.u32(0x0001_0000); // rate 1.0
        w.u16(0x0100); // volume 1.0
        w.zeros(2 + 8);
        Fmp4InitSegment.writeMatrix(w);
        w.zeros(24);
        w.u32(Fmp4InitSegment.TRACK_ID + 1); // next_track_ID
        w.end(mvhd);

        int trak = w.begin("trak");
        int tkhd = w.beginFull("tkhd", version, 0x3); // enabled, in movie
        times(w, version);
        w.u32(Fmp4InitSegment.TRACK_ID);
        w.u32(0);
        duration(w, version, movieDuration);
        w.zeros(8);
        w.u16(0); // layer
        w.u16(0); // alternate_group
        w.u16(0); // volume
        w.u16(0);
        Fmp4InitSegment.writeMatrix(w);
        w.u32((long) format.width() << 16);
        w.u32((long) format.height() << 16);
        w.end(tkhd);

        int mdia = w.begin("mdia");
        int mdhd = w.beginFull("mdhd", version, 0);
        times(w, version);
        w.u32(Fmp4InitSegment.TIMESCALE);
        duration(w, version, mediaDuration);
        w.u16(Fmp4InitSegment.packLanguage("und"));
        w.u16(0);
        w.end(mdhd);
        int hdlr = w.beginFull("hdlr", 0, 0);
        w.u32(0);
        w.fourcc("vide");
        w.zeros(12);
        w.bytes(new byte[] {'V', 'i', 'g', 'i', 'l', ' ', 'v', 'i', 'd', 'e', 'o', 0});
        w.end(hdlr);

        int minf = w.begin("minf");
        int vmhd = w.beginFull("vmhd", 0, 1);
        w.zeros(8);
        w.end(vmhd);
        int dinf = w.begin("dinf");
        int dref = w.beginFull("dref", 0, 0);
        w.u32(1);
        int url = w.beginFull("url ", 0, 1); // media data in this file
        w.end(url);
        w.end(dref);
        w.end(dinf);
        writeStbl(w, format, table, payloadStart, large);
        w.end(minf);
        w.end(mdia);
        w.end(trak);
        w.end(moov);
    }

    private static void writeStbl(BoxWriter w, VideoTrackFormat format, Mp4SampleTable table, long payloadStart,
            boolean large) {
        int n = table.sampleCount();
        int stbl = w.begin("stbl");
        int stsd = w.beginFull("stsd", 0, 0);
        w.u32(1);
        Fmp4InitSegment.writeVisualSampleEntry(w, format);
        w.end(stsd);

        int stts = w.beginFull("stts", 0, 0);
        int sttsCount = w.size();
        w.u32(0);
        int runs = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && table.duration(j) == table.duration(i)) {
                j++;
            }
            w.u32(j - i);
            w.u32(table.duration(i));
            runs++;
            i = j;
        }
        w.putU32(sttsCount, runs);
        w.end(stts);

        int keyframes = 0;
        for (int i = 0; i < n; i++) {
            keyframes += table.sync(i) ? 1 : 0;
        }
        if (keyframes < n) {
            int stss = w.beginFull("stss", 0, 0);
            w.u32(keyframes);
            for (int i = 0; i < n; i++) {
                if (table.sync(i)) {
                    w.u32(i + 1L);
                }
            }
            w.end(stss);
        }

        int stsc = w.beginFull("stsc", 0, 0);
        int stscCount = w.size();
        w.u32(0);
        int entries = 0;
        for (int c = 0; c < table.chunkCount(); c++) {
            if (c == 0 || table.chunkSamples(c) != table.chunkSamples(c - 1)) {
                w.u32(c + 1L); // first_chunk
                w.u32(table.chunkSamples(c));
                w.u32(1); // sample_description_index
                entries++;
            }
        }
        w.putU32(stscCount, entries);
        w.end(stsc);

        int stsz = w.beginFull("stsz", 0, 0);
        w.u32(0); // sizes follow
        w.u32(n);
        for (int i = 0; i < n; i++) {
            w.u32(table.size(i));
        }
        w.end(stsz);

        int chunkOffsets = w.beginFull(large ? "co64" : "stco", 0, 0);
        w.u32(table.chunkCount());
        for (int c = 0; c < table.chunkCount(); c++) {
            if (large) {
                w.u64(payloadStart + table.chunkOffset(c));
            } else {
                w.u32(payloadStart + table.chunkOffset(c));
            }
        }
        w.end(chunkOffsets);
        w.end(stbl);
    }

    private static void times(BoxWriter w, int version) {
        if (version == 1) {
            w.u64(0);
            w.u64(0);
        } else {
            w.u32(0);
            w.u32(0);
        }
    }

    private static void duration(BoxWriter w, int version, long value) {
        if (version == 1) {
            w.u64(value);
        } else {
            w.u32(value);
        }
    }
}
