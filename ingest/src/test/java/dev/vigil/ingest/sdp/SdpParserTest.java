package dev.vigil.ingest.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.VigilException;
import dev.vigil.ingest.SharedCaptures;
import dev.vigil.ingest.h264.H264Format;
import dev.vigil.ingest.h264.NalType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SdpParserTest {

    private static SessionDescription describe(String capture) {
        return SdpParser.parse(SharedCaptures.response(capture).bodyText());
    }

    /** Every H.264 capture: the video track, its payload type, control and usable parameter sets. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "hikvision_describe.txt, 96, rtsp://192.168.5.106:554/Streaming/Channels/101/trackID=1?transportmode=unicast&profile=Profile_1, 2",
        "dahua_describe_h264_aac_onvif.txt, 96, trackID=0, 3",
        "reolink_describe.txt, 96, trackID=1, 2",
        "reolink_describe_control_first.txt, 96, trackID=1, 2",
        "foscam_describe.txt, 96, track1, 2",
        "vstarcam_describe.txt, 96, track0, 2",
        "bunny_describe.txt, 97, trackID=2, 2",
        "h264dvr_describe.txt, 96, trackID=3, 2",
        "ipcam_describe.txt, 96, trackID=1, 1",
        "macrovideo_describe.txt, 96, track1, 1",
        "missing_content_type_describe.txt, 96, streamid=0, 2",
        "gw_main_describe.txt, 96, video, 2",
    })
    void parsesRealDescribeResponses(String capture, int payloadType, String control, int tracks) {
        SessionDescription sdp = describe(capture);
        assertEquals(tracks, sdp.media().size(), "tracks");
        MediaDescription video = sdp.firstVideo("H264").orElseThrow();
        assertEquals(control, video.control());
        H264Format format = H264Format.of(video).orElseThrow();
        assertEquals(payloadType, format.payloadType());
        assertEquals(90000, format.clockRate());
        assertNotNull(format.parameterSets(), "sprop-parameter-sets of " + capture);
        assertEquals(NalType.SPS, NalType.of(format.parameterSets().sps()[0]));
        assertEquals(NalType.PPS, NalType.of(format.parameterSets().pps()[0]));
    }

    @Test
    void quirk13_ubiquitiEmptyFmtpAndTwoTracksOnOnePayloadType() {
        SessionDescription sdp = SdpParser.parse(SharedCaptures.text("ubiquiti_sdp.txt"));
        assertEquals(3, sdp.media().size());
        assertEquals("trackID=0", sdp.media().get(0).control());
        assertEquals("trackID=1", sdp.media().get(1).control());
        assertTrue(sdp.media().get(1).formatParameters(96).isEmpty(), "bare a=fmtp:96");
        assertEquals(1, H264Format.of(sdp.firstVideo("H264").orElseThrow()).orElseThrow().packetizationMode());
    }

    @Test
    void quirk14_tplinkStringPayloadTypeIsSkipped() {
        SessionDescription sdp = SdpParser.parse(SharedCaptures.text("tplink_sdp.txt"));
        assertEquals(2, sdp.media().size());
        assertEquals(1, sdp.skippedMedia());
        assertTrue(sdp.media().get(0).rtpMap("H265").isPresent());
    }

    @Test
    void quirk15_gwSecurityBadProfileLevelIdAndAnnexBInsideSprop() {
        MediaDescription video = describe("gw_main_describe.txt").firstVideo("H264").orElseThrow();
        assertEquals("5046314", video.formatParameters(96).get("profile-level-id"));
        H264Format format = H264Format.of(video).orElseThrow();
        byte[] sps = format.parameterSets().sps();
        assertTrue(sps[sps.length - 1] != 0, "trailing start code stripped from the SPS");
        assertEquals(0x4d002a, format.profileLevelId(), "profile-level-id taken from the SPS itself");
    }

    @Test
    void quirk17_macroVideoWithoutOriginLine() {
        SessionDescription sdp = describe("macrovideo_describe.txt");
        assertEquals("streamed by the macro-video rtsp server", sdp.sessionName());
        assertEquals("*", sdp.control());
    }

    @Test
    void quirk18_trailingSpaceInRtpmapAndJunkFramerate() {
        MediaDescription video = describe("h264dvr_describe.txt").firstVideo("H264").orElseThrow();
        assertEquals(90000, video.rtpMap("H264").orElseThrow().clockRate());
        assertEquals(0x420029, H264Format.of(video).orElseThrow().profileLevelId());
    }

    @Test
    void quirk27_anpvizPacketizationModeZero() {
        MediaDescription video = SdpParser.parse(SharedCaptures.text("anpviz_sdp.txt")).firstVideo("H264")
                .orElseThrow();
        assertEquals(0, H264Format.of(video).orElseThrow().packetizationMode());
    }

    @Test
    void vstarcamTrailingTabAfterMediaLine() {
        SessionDescription sdp = describe("vstarcam_describe.txt");
        assertEquals("audio", sdp.media().get(1).type());
        assertEquals(java.util.List.of(8), sdp.media().get(1).payloadTypes());
    }

    @Test
    void geovisionAbsoluteControlUrls() {
        SessionDescription sdp = SdpParser.parse(SharedCaptures.text("geovision_sdp.txt"));
        String control = sdp.firstVideo("H264").orElseThrow().control();
        assertEquals("rtsp://192.168.5.237/media/video1/video", SessionDescription.resolveControl("rtsp://x/", control));
    }

    @ParameterizedTest
    @CsvSource({
        "rtsp://h/s/, trackID=1, rtsp://h/s/trackID=1",
        "rtsp://h/s, trackID=1, rtsp://h/s/trackID=1",
        "rtsp://h/s/, *, rtsp://h/s/",
        "rtsp://h/s/, rtsp://o/t, rtsp://o/t",
        "rtsp://h/cam/realmonitor?channel=1&proto=Onvif/, trackID=0, rtsp://h/cam/realmonitor?channel=1&proto=Onvif/trackID=0",
    })
    void resolvesControlAgainstTheBase(String base, String control, String expected) {
        assertEquals(expected, SessionDescription.resolveControl(base, control));
    }

    @Test
    void rejectsWhatIsNotAnSdp() {
        assertThrows(VigilException.class, () -> SdpParser.parse(""));
        assertThrows(VigilException.class, () -> SdpParser.parse("hello\nworld\n"));
    }

    @Test
    void bareFmtpAndMissingRtpmapGiveNoFormat() {
        SessionDescription sdp = SdpParser.parse("v=0\nm=video 0 RTP/AVP 96\na=fmtp:96\n");
        assertNull(sdp.media().get(0).rtpMaps().get(96));
        assertTrue(sdp.firstVideo("H264").isEmpty());
    }
}
