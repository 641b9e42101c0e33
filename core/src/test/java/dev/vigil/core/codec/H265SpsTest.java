package dev.vigil.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Real SPS NAL units. {@code VTEST} is from {@code ../shared/media/vtest-h265.mp4} (libx265,
 * Main, 768x576); {@code MAIN10_1918X1078} was encoded by Debian 12's ffmpeg 5.1 with libx265 from
 * {@code -f lavfi -i testsrc=size=1918x1078:rate=30 -pix_fmt yuv420p10le -frames:v 1}.
 */
class H265SpsTest {
    static final byte[] VTEST =
            hex("42010101600000030090000003000003005aa0060200905964a924cae68080000003008000000504");
    /** Coded 1920x1080 with a conformance window of 2 columns and 2 rows. */
    static final byte[] MAIN10_1918X1078 = hex("420101022000000300900000030000030078a003c08010e754d96566924caf0168080000"
            + "03000800000300f040");

    @Test
    void parsesVtestMainProfile() {
        H265Sps sps = H265Sps.parse(VTEST);
        assertEquals(0, sps.generalProfileSpace());
        assertFalse(sps.generalTierFlag());
        assertEquals(1, sps.generalProfileIdc());
        assertEquals(0x6000_0000, sps.generalProfileCompatibilityFlags());
        assertEquals(0x9000_0000_0000L, sps.generalConstraintIndicatorFlags());
        assertEquals(90, sps.generalLevelIdc());
        assertEquals(1, sps.maxSubLayers());
        assertEquals(1, sps.chromaFormatIdc());
        assertEquals(8, sps.bitDepthLuma());
        assertEquals(8, sps.bitDepthChroma());
        assertEquals(768, sps.width());
        assertEquals(576, sps.height());
    }

    @Test
    void appliesConformanceWindowAndReadsMain10BitDepth() {
        H265Sps sps = H265Sps.parse(MAIN10_1918X1078);
        assertEquals(2, sps.generalProfileIdc());
        assertEquals(0x2000_0000, sps.generalProfileCompatibilityFlags());
        assertEquals(120, sps.generalLevelIdc());
        assertEquals(10, sps.bitDepthLuma());
        assertEquals(10, sps.bitDepthChroma());
        assertEquals(1918, sps.width());
        assertEquals(1078, sps.height());
    }

    @Test
    void rejectsOtherNalTypes() {
        VigilException e = assertThrows(VigilException.class, () -> H265Sps.parse(hex("4401c172b46240")));
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
