package dev.vigil.storage.mp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.ParameterSets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Box structure of the init segment, with the parameter sets of {@code ../shared/media/vtest-*.mp4}. */
class Fmp4InitSegmentTest {
    static final ParameterSets VTEST_H264 = TestStreams.VTEST_H264;
    static final ParameterSets VTEST_H265 = TestStreams.VTEST_H265;

    @Test
    void h264InitSegmentHasFtypAndMoovWithEmptySampleTableAndTrex() {
        Fmp4InitSegment init = Fmp4InitSegment.of(VTEST_H264);
        byte[] bytes = init.bytes();
        assertEquals(bytes.length, init.size());
        List<Mp4Box> top = Mp4Box.parse(bytes, 0, bytes.length);
        assertEquals(List.of("ftyp", "moov"), top.stream().map(Mp4Box::type).toList());

        Mp4Box ftyp = top.get(0);
        assertEquals("iso6", ftyp.fourccAt(0));
        assertEquals(8 + 8 + 4 * 4, ftyp.size());
        assertEquals(List.of("iso6", "iso5", "isom", "mp41"),
                List.of(ftyp.fourccAt(8), ftyp.fourccAt(12), ftyp.fourccAt(16), ftyp.fourccAt(20)));

        Mp4Box moov = top.get(1);
        assertEquals(List.of("mvhd", "trak", "mvex"), moov.types());
        assertEquals(List.of("tkhd", "mdia"), moov.child("trak").types());
        assertEquals(List.of("mdhd", "hdlr", "minf"), moov.path("trak/mdia").types());
        assertEquals(List.of("vmhd", "dinf", "stbl"), moov.path("trak/mdia/minf").types());
        assertEquals(List.of("stsd", "stts", "stsc", "stsz", "stco"), moov.path("trak/mdia/minf/stbl").types());

        Mp4Box tkhd = moov.path("trak/tkhd");
        assertEquals(0x3, tkhd.u32At(0) & 0xFFFFFF, "enabled, in movie");
        assertEquals(1, tkhd.u32At(12), "track_ID");
        assertEquals(768L << 16, tkhd.u32At(76));
        assertEquals(576L << 16, tkhd.u32At(80));
        Mp4Box mdhd = moov.path("trak/mdia/mdhd");
        assertEquals(90_000, mdhd.u32At(12), "timescale");
        assertEquals(0, mdhd.u32At(16), "duration");
        assertEquals("vide", moov.path("trak/mdia/hdlr").fourccAt(8));
        for (String table : List.of("stts", "stsc", "stco")) {
            assertEquals(16, moov.path("trak/mdia/minf/stbl/" + table).size(), table + " is empty");
        }
        assertEquals(20, moov.path("trak/mdia/minf/stbl/stsz").size());
        Mp4Box trex = moov.path("mvex/trex");
        assertEquals(1, trex.u32At(4), "track_ID");
        assertEquals(1, trex.u32At(8), "default_sample_description_index");
    }

    @Test
    void h264SampleEntryIsAvc1WithAvcC() {
        Fmp4InitSegment init = Fmp4InitSegment.of(VTEST_H264);
        Mp4Box entry = sampleEntry(init);
        assertEquals("avc1", entry.type());
        assertEquals(1, entry.u16At(6), "data_reference_index");
        assertEquals(768, entry.u16At(24));
        assertEquals(576, entry.u16At(26));
        List<Mp4Box> config = Mp4Box.parse(entry.file(), entry.offset() + 8 + 78, entry.offset() + entry.size());
        assertEquals("avcC", config.get(0).type());
        byte[] expected = concat(hex("014d401fffe10016"), VTEST_H264.sps(), hex("010004"), VTEST_H264.pps());
        assertArrayEquals(expected, config.get(0).payload());
        assertEquals("avc1.4d401f", init.codecString());
        assertEquals(10.0, init.frameRate().getAsDouble(), 1e-9);
        assertEquals("avc1", init.sampleEntryType());
    }

    @Test
    void h265SampleEntryIsHvc1WithCompleteParameterSetArrays() {
        Fmp4InitSegment init = Fmp4InitSegment.of(VTEST_H265);
        Mp4Box entry = sampleEntry(init);
        assertEquals("hvc1", entry.type());
        assertEquals(768, entry.u16At(24));
        assertEquals(576, entry.u16At(26));
        Mp4Box hvcC = Mp4Box.parse(entry.file(), entry.offset() + 8 + 78, entry.offset() + entry.size()).get(0);
        assertEquals("hvcC", hvcC.type());
        byte[] p = hvcC.payload();
        byte[] header = hex("01" + "01" + "60000000" + "900000000000" + "5a" + "f000" + "fc" + "fd" + "f8" + "f8"
                + "0000" + "0f" + "03");
        assertArrayEquals(header, Arrays.copyOf(p, header.length));
        int at = header.length;
        for (byte[] nal : List.of(VTEST_H265.vps(), VTEST_H265.sps(), VTEST_H265.pps())) {
            assertEquals(0x80 | ((nal[0] >> 1) & 0x3F), p[at] & 0xFF, "array_completeness 1 and NAL type");
            assertEquals(1, ((p[at + 1] & 0xFF) << 8) | (p[at + 2] & 0xFF));
            assertEquals(nal.length, ((p[at + 3] & 0xFF) << 8) | (p[at + 4] & 0xFF));
            assertArrayEquals(nal, Arrays.copyOfRange(p, at + 5, at + 5 + nal.length));
            at += 5 + nal.length;
        }
        assertEquals(p.length, at);
        assertEquals("hvc1.1.6.L90.90", init.codecString());
    }

    @Test
    void unparseableSpsIsAnInvalidArgument() {
        ParameterSets broken = new ParameterSets(Codec.H264, null, hex("674d40"), hex("68ebccb2"));
        VigilException e = assertThrows(VigilException.class, () -> Fmp4InitSegment.of(broken));
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
    }

    private static Mp4Box sampleEntry(Fmp4InitSegment init) {
        byte[] bytes = init.bytes();
        Mp4Box stsd = Mp4Box.parse(bytes, 0, bytes.length).get(1).path("trak/mdia/minf/stbl/stsd");
        assertEquals(1, stsd.u32At(4), "entry_count");
        List<Mp4Box> entries = Mp4Box.parse(bytes, stsd.offset() + 16, stsd.offset() + stsd.size());
        assertEquals(1, entries.size());
        return entries.get(0);
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
