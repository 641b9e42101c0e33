package dev.vigil.ingest.h264;

import dev.vigil.core.codec.H264Sps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.core.error.VigilException;
import dev.vigil.ingest.SharedCaptures;
import dev.vigil.ingest.sdp.SdpParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RealSpropSpsTest {

    /** Sizes cross-checked with what each SDP or camera states (a=framesize, x-dimensions, model). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "bunny_describe.txt, 66, 240, 160",
        "hikvision_describe.txt, 77, 1920, 1080",
        "dahua_describe_h264_aac_onvif.txt, 100, 704, 480",
        "reolink_describe.txt, 100, 2560, 1440",
    })
    void sizesFromRealSprop(String capture, int profile, int width, int height) {
        var video = SdpParser.parse(SharedCaptures.response(capture).bodyText()).firstVideo("H264").orElseThrow();
        H264Sps sps = H264Sps.parse(H264Format.of(video).orElseThrow().parameterSets().sps());
        assertEquals(profile, sps.profileIdc());
        assertEquals(width, sps.width());
        assertEquals(height, sps.height());
    }

    @Test
    void rejectsWhatIsNotAnSps() {
        assertThrows(VigilException.class, () -> H264Sps.parse(new byte[] {0x68, 1, 2, 3}));
        assertThrows(VigilException.class, () -> H264Sps.parse(new byte[] {0x67, 100, 0, 0x1f}));
    }
}
