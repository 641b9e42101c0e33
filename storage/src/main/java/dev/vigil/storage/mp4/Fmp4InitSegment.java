package dev.vigil.storage.mp4;

import dev.vigil.core.model.Codec;
import dev.vigil.core.model.ParameterSets;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The initialization segment of a one-track fragmented MP4: {@code ftyp} + {@code moov} with an
 * empty sample table and {@code mvex/trex}, so that every sample lives in later
 * {@code moof}/{@code mdat} fragments (ISO/IEC 14496-12 clause 8.8).
 *
 * <p>Contract: the track is track 1, video, media timescale 90 000 (the RTP clock, so presentation
 * times are copied without rounding); the sample entry is {@code avc1}+{@code avcC} for H.264 and
 * {@code hvc1}+{@code hvcC} for H.265, holding the given parameter sets with 4-byte NAL unit
 * lengths. With these sample entry types the parameter sets belong in the sample entry only
 * (ISO/IEC 14496-15 clauses 5.4.2.1.2 and 8.4.1.1.2; for {@code hvc1} {@code array_completeness}
 * is 1), so the fragment writer strips in-band copies from the samples. Width and height come from
 * the SPS (after cropping). Durations are 0: the length of a fragmented file is the sum of its
 * fragments.
 *
 * <p>Brands: major {@code iso6}, compatible {@code iso6 iso5 isom mp41} ({@code iso5} for
 * {@code default-base-is-moof}, {@code iso6} for {@code tfdt}). Browsers' MSE ignores brands;
 * ffmpeg and players that check them accept these. Instances are immutable and thread-safe.
 */
public final class Fmp4InitSegment {
    /** The media timescale of the track: ticks per second, the 90 kHz RTP video clock. */
    public static final int TIMESCALE = 90_000;
    /** The one track's ID, as used by {@code tfhd} in the fragments. */
    static final int TRACK_ID = 1;

    private static final String MAJOR_BRAND = "iso6";
    private static final String[] COMPATIBLE_BRANDS = {"iso6", "iso5", "isom", "mp41"};
    private static final int[] UNITY_MATRIX = {0x0001_0000, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000};

    private final ParameterSets parameterSets;
    private final VideoTrackFormat format;
    private final byte[] bytes;

    private Fmp4InitSegment(ParameterSets parameterSets, VideoTrackFormat format, byte[] bytes) {
        this.parameterSets = parameterSets;
        this.format = format;
        this.bytes = bytes;
    }

    /**
     * Builds the init segment for a stream with these parameter sets.
     *
     * @throws dev.vigil.core.error.VigilException {@code INVALID_ARGUMENT} if the SPS cannot be
     *     parsed or a parameter set is longer than 65 535 bytes
     */
    public static Fmp4InitSegment of(ParameterSets parameterSets) {
        Objects.requireNonNull(parameterSets, "parameterSets");
        VideoTrackFormat format = VideoTrackFormat.of(parameterSets);
        BoxWriter w = new BoxWriter(1024);
        writeFtyp(w);
        writeMoov(w, format);
        return new Fmp4InitSegment(parameterSets, format, w.toByteArray());
    }

    /** The parameter sets held by the sample entry. */
    public ParameterSets parameterSets() {
        return parameterSets;
    }

    public Codec codec() {
        return parameterSets.codec();
    }

    /** {@code avc1} or {@code hvc1}. */
    public String sampleEntryType() {
        return format.sampleEntryType();
    }

    /** Displayed width in pixels, from the SPS. */
    public int width() {
        return format.width();
    }

    /** Displayed height in pixels, from the SPS. */
    public int height() {
        return format.height();
    }

    /**
     * The RFC 6381 {@code codecs} parameter, e.g. {@code avc1.4d401f} or {@code hvc1.1.6.L90.B0},
     * for {@code video/mp4; codecs="..."} in MSE and HLS/DASH manifests.
     */
    public String codecString() {
        return format.codecString();
    }

    /** Frames per second from the SPS VUI timing info, when the SPS has it (never for H.265). */
    public OptionalDouble frameRate() {
        return format.frameRate();
    }

    /** Size of the segment in bytes. */
    public int size() {
        return bytes.length;
    }

    /** A copy of the segment's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Writes the segment's bytes; does not flush or close {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    @Override
    public String toString() {
        return "Fmp4InitSegment[" + format.codecString() + " " + format.width() + "x" + format.height() + ", "
                + bytes.length + "B]";
    }

    private static void writeFtyp(BoxWriter w) {
        int ftyp = w.begin("ftyp");
        w.fourcc(MAJOR_BRAND);
        w.u32(0); // minor_version
        for (String brand : COMPATIBLE_BRANDS) {
            w.fourcc(brand);
        }
        w.end(ftyp);
    }

    private static void writeMoov(BoxWriter w, VideoTrackFormat format) {
        int moov = w.begin("moov");

        int mvhd = w.beginFull("mvhd", 0, 0);
        w.u32(0); // creation_time
        w.u32(0); // modification_time
        w.u32(TIMESCALE);
        w.u32(0); // duration: unknown, fragmented
        w.u32(0x0001_0000); // rate 1.0
        w.u16(0x0100); // volume 1.0
        w.zeros(2 + 8); // reserved
        writeMatrix(w);
        w.zeros(24); // pre_defined
        w.u32(TRACK_ID + 1); // next_track_ID
        w.end(mvhd);

        int trak = w.begin("trak");
        int tkhd = w.beginFull("tkhd", 0, 0x3); // track_enabled | track_in_movie
        w.u32(0); // creation_time
        w.u32(0); // modification_time
        w.u32(TRACK_ID);
        w.u32(0); // reserved
        w.u32(0); // duration
        w.zeros(8); // reserved
        w.u16(0); // layer
        w.u16(0); // alternate_group
        w.u16(0); // volume: 0 for video
        w.u16(0); // reserved
        writeMatrix(w);
        w.u32((long) format.width() << 16); // 16.16 fixed point
        w.u32((long) format.height() << 16);
        w.end(tkhd);

        int mdia = w.begin("mdia");
        int mdhd = w.beginFull("mdhd", 0, 0);
        w.u32(0); // creation_time
        w.u32(0); // modification_time
        w.u32(TIMESCALE);
        w.u32(0); // duration
        w.u16(packLanguage("und"));
        w.u16(0); // pre_defined
        w.end(mdhd);

        int hdlr = w.beginFull("hdlr", 0, 0);
        w.u32(0); // pre_defined
        w.fourcc("vide");
        w.zeros(12); // reserved
        w.bytes(new byte[] {'V', 'i', 'g', 'i', 'l', ' ', 'v', 'i', 'd', 'e', 'o', 0});
        w.end(hdlr);

        int minf = w.begin("minf");
        int vmhd = w.beginFull("vmhd", 0, 1);
        w.u16(0); // graphicsmode: copy
        w.zeros(6); // opcolor
        w.end(vmhd);

        int dinf = w.begin("dinf");
        int dref = w.beginFull("dref", 0, 0);
        w.u32(1); // entry_count
        int url = w.beginFull("url ", 0, 1); // media data in this file
        w.end(url);
        w.end(dref);
        w.end(dinf);

        int stbl = w.begin("stbl");
        int stsd = w.beginFull("stsd", 0, 0);
        w.u32(1); // entry_count
        writeVisualSampleEntry(w, format);
        w.end(stsd);
        int stts = w.beginFull("stts", 0, 0);
        w.u32(0);
        w.end(stts);
        int stsc = w.beginFull("stsc", 0, 0);
        w.u32(0);
        w.end(stsc);
        int stsz = w.beginFull("stsz", 0, 0);
        w.u32(0); // sample_size
        w.u32(0); // sample_count
        w.end(stsz);
        int stco = w.beginFull("stco", 0, 0);
        w.u32(0);
        w.end(stco);
        w.end(stbl);

        w.end(minf);
        w.end(mdia);
        w.end(trak);

        int mvex = w.begin("mvex");
        int trex = w.beginFull("trex", 0, 0);
        w.u32(TRACK_ID);
        w.u32(1); // default_sample_description_index
        w.u32(0); // default_sample_duration: every trun carries its own
        w.u32(0); // default_sample_size
        w.u32(0); // default_sample_flags
        w.end(trex);
        w.end(mvex);

        w.end(moov);
    }

    /** ISO/IEC 14496-12 clause 12.1.3: VisualSampleEntry, then the codec's configuration box. */
    static void writeVisualSampleEntry(BoxWriter w, VideoTrackFormat format) {
        int entry = w.begin(format.sampleEntryType());
        w.zeros(6); // reserved
        w.u16(1); // data_reference_index
        w.u16(0); // pre_defined
        w.u16(0); // reserved
        w.zeros(12); // pre_defined
        w.u16(format.width());
        w.u16(format.height());
        w.u32(0x0048_0000); // horizresolution 72 dpi
        w.u32(0x0048_0000); // vertresolution 72 dpi
        w.u32(0); // reserved
        w.u16(1); // frame_count
        w.zeros(32); // compressorname: empty Pascal string
        w.u16(0x0018); // depth
        w.u16(0xFFFF); // pre_defined = -1
        int config = w.begin(format.configBoxType());
        w.bytes(format.configRecord());
        w.end(config);
        w.end(entry);
    }

    static void writeMatrix(BoxWriter w) {
        for (int v : UNITY_MATRIX) {
            w.u32(v & 0xFFFF_FFFFL);
        }
    }

    /** ISO 639-2/T code packed as three 5-bit letters offset by 0x60 (clause 8.4.2.3). */
    static int packLanguage(String code) {
        return ((code.charAt(0) - 0x60) << 10) | ((code.charAt(1) - 0x60) << 5) | (code.charAt(2) - 0x60);
    }
}
