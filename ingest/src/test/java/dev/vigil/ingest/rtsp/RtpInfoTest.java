package dev.vigil.ingest.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ingest.SharedCaptures;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RtpInfoTest {
    private static RtpInfo of(String capture) {
        return RtpInfo.parse(SharedCaptures.response(capture).headers().get("RTP-Info"));
    }

    /** Quirk 3 (OMNY M5S2A style, Wowza): rtptime=-1 and a relative url. */
    @Test
    void badRtptimeIsAbsentAndRelativeUrlJoins() {
        RtpInfo info = of("bad_rtptime.txt");
        assertEquals(2, info.entries().size());
        assertEquals(OptionalLong.empty(), info.entries().get(0).rtpTime());
        String base = "rtsp://wowzaec2demo.streamlock.net/vod/mp4:BigBuckBunny_115k.mov/";
        assertEquals("trackID=1", info.forTrack(base + "trackID=1", base).orElseThrow().url());
    }

    /** Quirk 2: seq=1 placeholders are not trusted. */
    @Test
    void placeholderSequenceIsNotTrusted() {
        RtpInfo.Entry e = of("bunny_play.txt").entries().get(0);
        assertEquals(OptionalInt.of(1), e.sequence());
        assertEquals(OptionalInt.empty(), e.trustedSequence());
    }

    /** Quirk 4 (Laureii): trailing ';'. */
    @Test
    void trailingSemicolonIsIgnored() {
        RtpInfo.Entry e = of("laureii_play.txt").entries().get(0);
        assertEquals(OptionalInt.of(0), e.sequence());
        assertEquals(OptionalLong.of(0), e.rtpTime());
    }

    /** Quirk 6 (Reolink): the SSRC comes only in RTP-Info. */
    @Test
    void reolinkSsrc() {
        RtpInfo info = of("reolink_play.txt");
        assertEquals(OptionalLong.of(0xdcc4a0d8L), info.entries().get(0).ssrc());
    }

    /** Quirk 15 (GW Security): one entry with a URL that matches nothing still applies. */
    @Test
    void singleEntryAppliesWhateverItsUrl() {
        RtpInfo info = of("gw_main_play.txt");
        assertEquals(1, info.entries().size());
        assertTrue(info.forTrack("rtsp://x/other", "rtsp://x/").isPresent());
        assertEquals(0, RtpInfo.parse(null).entries().size());
        assertEquals(0, RtpInfo.parse("garbage;;=").entries().size());
    }
}
