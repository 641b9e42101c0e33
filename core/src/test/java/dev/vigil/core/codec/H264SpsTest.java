package dev.vigil.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Real SPS NAL units. {@code VTEST} is from {@code ../shared/media/vtest-h264.mp4} (libx264,
 * Main, 768x576 at 10 fps); the others were encoded by Debian 12's ffmpeg 5.1 with libx264 from
 * {@code -f lavfi -i testsrc=size=WxH:rate=R -frames:v 1}.
 */
class H264SpsTest {
    static final byte[] VTEST = hex("674d401fd900c0126840000003004000000503c60c92");
    /** {@code -profile:v high}, 1920x1080 at 25 fps: 1088 coded lines cropped by 8. */
    static final byte[] HIGH_1080P = hex("67640028acd940780227e5c044000003000400000300c83c60c658");
    /** {@code -pix_fmt yuv422p10le}: High 4:2:2, 10-bit, 1280x720 at 15 fps. */
    static final byte[] HIGH422_10BIT_720P = hex("677a001fb6cd9405005bb0110000030001000003001e0f183196");

    @Test
    void parsesVtestMainProfile() {
        H264Sps sps = H264Sps.parse(VTEST);
        assertEquals(77, sps.profileIdc());
        assertEquals(0x40, sps.constraintFlags());
        assertEquals(31, sps.levelIdc());
        assertEquals(1, sps.chromaFormatIdc());
        assertEquals(8, sps.bitDepthLuma());
        assertEquals(768, sps.width());
        assertEquals(576, sps.height());
        assertEquals(10.0, sps.frameRate().getAsDouble(), 1e-9);
        assertFalse(sps.signalsChromaFormat());
    }

    @Test
    void appliesFrameCroppingToHigh1080p() {
        H264Sps sps = H264Sps.parse(HIGH_1080P);
        assertEquals(100, sps.profileIdc());
        assertEquals(40, sps.levelIdc());
        assertEquals(1920, sps.width());
        assertEquals(1080, sps.height());
        assertEquals(25.0, sps.frameRate().getAsDouble(), 1e-9);
        assertTrue(sps.signalsChromaFormat());
    }

    @Test
    void readsChromaFormatAndBitDepthOfHigh422() {
        H264Sps sps = H264Sps.parse(HIGH422_10BIT_720P);
        assertEquals(122, sps.profileIdc());
        assertEquals(2, sps.chromaFormatIdc());
        assertEquals(10, sps.bitDepthLuma());
        assertEquals(10, sps.bitDepthChroma());
        assertEquals(1280, sps.width());
        assertEquals(720, sps.height());
        assertEquals(15.0, sps.frameRate().getAsDouble(), 1e-9);
    }

    @Test
    void rejectsOtherNalTypesAndTruncatedSps() {
        VigilException notSps = assertThrows(VigilException.class, () -> H264Sps.parse(hex("68ebccb2")));
        assertEquals(ErrorKind.INVALID_ARGUMENT, notSps.kind());
        VigilException truncated = assertThrows(VigilException.class,
                () -> H264Sps.parse(Arrays.copyOf(VTEST, 6)));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
