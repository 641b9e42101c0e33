package dev.vigil.analytics.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.ParameterSets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecoderConfigurationTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void parsesAvcC() {
        // version 1, High profile, level 4.0, 4-byte lengths, 1 SPS of 4 bytes, 1 PPS of 2 bytes.
        byte[] avcc = HEX.parseHex("01640028ff" + "e1" + "0004" + "67640028" + "01" + "0002" + "68ee");
        DecoderConfiguration c = DecoderConfiguration.avcC(avcc);
        assertEquals(4, c.lengthSize());
        assertArrayEquals(HEX.parseHex("67640028"), c.parameterSets().sps());
        assertArrayEquals(HEX.parseHex("68ee"), c.parameterSets().pps());
        assertEquals(Codec.H264, c.parameterSets().codec());
    }

    @Test
    void truncatedRecordIsInvalidWithOffsets() {
        VigilException e = assertThrows(VigilException.class,
                () -> DecoderConfiguration.avcC(HEX.parseHex("01640028ffe10004676400")));
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("avcC of 11 bytes"), e.getMessage());
    }

    @Test
    void splitsLengthPrefixedSamples() {
        DecoderConfiguration c = new DecoderConfiguration(new ParameterSets(Codec.H264, null, new byte[1], new byte[1]), 4);
        List<byte[]> nals = c.split(HEX.parseHex("00000002" + "0910" + "00000003" + "658888"));
        assertEquals(2, nals.size());
        assertArrayEquals(HEX.parseHex("658888"), nals.get(1));
        assertEquals(ErrorKind.INVALID_ARGUMENT,
                assertThrows(VigilException.class, () -> c.split(HEX.parseHex("00000009" + "6588"))).kind());
    }

    @Test
    void realFilesGiveTheirParameterSets() {
        AccessUnit h264 = SharedMedia.units(SharedMedia.H264, CameraId.of("c")).get(0);
        AccessUnit h265 = SharedMedia.units(SharedMedia.H265, CameraId.of("c")).get(0);
        assertEquals(7, h264.parameterSets().sps()[0] & 0x1f, "an SPS NAL header");
        assertEquals(33, (h265.parameterSets().sps()[0] >> 1) & 0x3f, "an H.265 SPS NAL header");
        assertEquals(32, (h265.parameterSets().vps()[0] >> 1) & 0x3f);
        assertTrue(h264.keyframe() && h265.keyframe());
    }

    @Test
    void annexBExtradataHasStartCodes() {
        ParameterSets sets = new ParameterSets(Codec.H265, HEX.parseHex("40"), HEX.parseHex("42"), HEX.parseHex("44"));
        assertArrayEquals(HEX.parseHex("0000000140" + "0000000142" + "0000000144"), AnnexB.extradata(sets));
    }
}
