package dev.vigil.storage.mp4;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.ParameterSets;

/**
 * Parses a buffered {@code moov} box of a fragmented MP4 into the first video track that
 * {@link Fmp4Reader} can read and its {@code trex} defaults. Pure: malformed input is
 * {@code DATA_LOSS}; a file Vigil cannot read (no video track, another codec, samples in the
 * {@code moov} instead of fragments, parameter sets only in-band) is {@code UNIMPLEMENTED}.
 *
 * <p>Implementation notes (ISO/IEC 14496-12 clauses 8.3-8.8, 12.1.3; ISO/IEC 14496-15 clauses
 * 5.3.3.1 and 8.3.3.1): the decoder configuration record gives the NAL length size and the
 * parameter sets; where it holds several of one kind, the first is taken ({@link ParameterSets}
 * holds one of each, as every camera Vigil records sends).
 */
final class MoovParser {
    /** The track and its defaults. */
    record Parsed(Fmp4Reader.Track track, MoofParser.TrackDefaults defaults) {}

    /** VisualSampleEntry fields before its child boxes (clause 12.1.3), after the box header. */
    private static final int VISUAL_SAMPLE_ENTRY_BYTES = 78;

    private MoovParser() {}

    /** @param moov the whole {@code moov} box, header included; borrowed */
    static Parsed parse(byte[] moov, long offset) {
        BoxReader r = new BoxReader(moov, "moov at offset " + offset);
        BoxReader.Box box = r.children(0, moov.length).get(0);
        BoxReader.Box mvex = r.child(box.payload(), box.end(), "mvex");
        if (mvex == null) {
            throw new VigilException(ErrorKind.UNIMPLEMENTED, "not a fragmented MP4: the moov has no mvex box");
        }
        for (BoxReader.Box trak : r.children(box.payload(), box.end())) {
            if (!trak.type().equals("trak")) {
                continue;
            }
            BoxReader.Box mdia = r.require(trak, "mdia");
            BoxReader.Box hdlr = r.require(mdia, "hdlr");
            if (!r.fourcc(hdlr.payload() + 8).equals("vide")) {
                continue;
            }
            BoxReader.Box tkhd = r.require(trak, "tkhd");
            long trackId = r.u32(tkhd.payload() + (r.u8(tkhd.payload()) == 1 ? 20 : 12));
            BoxReader.Box mdhd = r.require(mdia, "mdhd");
            long timescale = r.u32(mdhd.payload() + (r.u8(mdhd.payload()) == 1 ? 20 : 12));
            if (timescale == 0) {
                throw r.malformed(mdhd.offset(), "track " + trackId + " has timescale 0");
            }
            BoxReader.Box stbl = r.require(r.require(mdia, "minf"), "stbl");
            BoxReader.Box stsz = r.child(stbl.payload(), stbl.end(), "stsz");
            if (stsz != null && r.u32(stsz.payload() + 8) > 0) {
                throw new VigilException(ErrorKind.UNIMPLEMENTED, "track " + trackId + " keeps "
                        + r.u32(stsz.payload() + 8) + " samples in the moov: not a fragmented MP4");
            }
            BoxReader.Box stsd = r.require(stbl, "stsd");
            if (r.u32(stsd.payload() + 4) < 1) {
                throw r.malformed(stsd.offset(), "track " + trackId + " has no sample description");
            }
            BoxReader.Box entry = r.children(stsd.payload() + 8, stsd.end()).get(0);
            Fmp4Reader.Track track = track(r, entry, trackId, timescale);
            return new Parsed(track, trexDefaults(r, mvex, trackId));
        }
        throw new VigilException(ErrorKind.UNIMPLEMENTED, "the MP4 has no video track");
    }

    private static Fmp4Reader.Track track(BoxReader r, BoxReader.Box entry, long trackId, long timescale) {
        Codec codec = switch (entry.type()) {
            case "avc1", "avc3" -> Codec.H264;
            case "hvc1", "hev1" -> Codec.H265;
            default -> throw new VigilException(ErrorKind.UNIMPLEMENTED, "track " + trackId + ": sample entry '"
                    + BoxReader.printable(entry.type()) + "' is not H.264 (avc1/avc3) or H.265 (hvc1/hev1)");
        };
        int width = r.u16(entry.payload() + 24);
        int height = r.u16(entry.payload() + 26);
        String configType = codec == Codec.H264 ? "avcC" : "hvcC";
        BoxReader.Box config = r.child(entry.payload() + VISUAL_SAMPLE_ENTRY_BYTES, entry.end(), configType);
        if (config == null) {
            throw r.malformed(entry.offset(), "sample entry '" + entry.type() + "' has no " + configType + " box");
        }
        byte[][] sets = new byte[3][]; // vps, sps, pps
        int nalLengthSize = codec == Codec.H264 ? avcC(r, config, sets) : hvcC(r, config, sets);
        if (sets[1] == null || sets[2] == null || codec == Codec.H265 && sets[0] == null) {
            throw new VigilException(ErrorKind.UNIMPLEMENTED, "track " + trackId + " (" + entry.type()
                    + "): the " + configType + " box lacks " + (codec == Codec.H265 ? "VPS, " : "")
                    + "SPS or PPS; parameter sets only in-band are not supported");
        }
        ParameterSets ps = new ParameterSets(codec, sets[0], sets[1], sets[2]);
        return new Fmp4Reader.Track(trackId, timescale, entry.type(), ps, nalLengthSize, width, height);
    }

    /** AVCDecoderConfigurationRecord; returns the NAL length size. */
    private static int avcC(BoxReader r, BoxReader.Box config, byte[][] sets) {
        int p = config.payload();
        int lengthSize = (r.u8(p + 4) & 0x3) + 1;
        int spsCount = r.u8(p + 5) & 0x1F;
        p += 6;
        for (int i = 0; i < spsCount; i++) {
            int length = r.u16(p);
            sets[1] = sets[1] != null ? sets[1] : r.bytes(p + 2, length);
            p += 2 + length;
        }
        int ppsCount = r.u8(p++);
        for (int i = 0; i < ppsCount; i++) {
            int length = r.u16(p);
            sets[2] = sets[2] != null ? sets[2] : r.bytes(p + 2, length);
            p += 2 + length;
        }
        return checkLengthSize(r, config, lengthSize);
    }

    /** HEVCDecoderConfigurationRecord; returns the NAL length size. */
    private static int hvcC(BoxReader r, BoxReader.Box config, byte[][] sets) {
        int p = config.payload();
        int lengthSize = (r.u8(p + 21) & 0x3) + 1;
        int arrays = r.u8(p + 22);
        p += 23;
        for (int a = 0; a < arrays; a++) {
            int type = r.u8(p) & 0x3F;
            int count = r.u16(p + 1);
            p += 3;
            for (int i = 0; i < count; i++) {
                int length = r.u16(p);
                int slot = type == 32 ? 0 : type == 33 ? 1 : type == 34 ? 2 : -1;
                if (slot >= 0 && sets[slot] == null) {
                    sets[slot] = r.bytes(p + 2, length);
                }
                p += 2 + length;
            }
        }
        return checkLengthSize(r, config, lengthSize);
    }

    private static int checkLengthSize(BoxReader r, BoxReader.Box config, int lengthSize) {
        if (lengthSize == 3) {
            throw r.malformed(config.offset(), config.type() + " declares 3-byte NAL lengths (1, 2 or 4 allowed)");
        }
        return lengthSize;
    }

    private static MoofParser.TrackDefaults trexDefaults(BoxReader r, BoxReader.Box mvex, long trackId) {
        for (BoxReader.Box trex : r.children(mvex.payload(), mvex.end())) {
            if (trex.type().equals("trex") && r.u32(trex.payload() + 4) == trackId) {
                int p = trex.payload() + 12;
                return new MoofParser.TrackDefaults(r.u32(p), r.u32(p + 4), r.s32(p + 8));
            }
        }
        return MoofParser.TrackDefaults.NONE;
    }
}
