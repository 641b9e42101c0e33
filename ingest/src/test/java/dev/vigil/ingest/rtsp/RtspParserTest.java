package dev.vigil.ingest.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.VigilException;
import dev.vigil.ingest.SharedCaptures;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtspParserTest {

    @Test
    void parsesCapturedResponse() {
        RtspResponse r = SharedCaptures.response("bunny_setup.txt");
        assertEquals(200, r.status());
        assertEquals(2, r.headers().cseq());
        SessionHeader s = SessionHeader.parse(r.headers().get("Session"));
        assertEquals(new SessionHeader("1642021126", 60), s);
        TransportHeader t = TransportHeader.parse(r.headers().get("Transport"));
        assertTrue(t.isTcp());
        assertEquals(0, t.interleaved()[0]);
        assertEquals(1, t.interleaved()[1]);
    }

    @Test
    void quirk1_hikvisionSsrcWithLeadingSpaceAndSevenDigits() {
        RtspResponse r = SharedCaptures.response("hikvision_setup_ssrc_space.txt");
        assertEquals(0xd6d6627L, TransportHeader.parse(r.headers().get("Transport")).ssrc());
    }

    @Test
    void quirk26_luckfoxSsrcFirst() {
        TransportHeader t = TransportHeader.parse(SharedCaptures.response("luckfox_rkipc_setup_tcp.txt").headers()
                .get("Transport"));
        assertEquals(0x22345684L, t.ssrc());
        assertEquals(0, t.interleaved()[0]);
    }

    @Test
    void quirk18_h264dvrCseqCasingAndUdpTransport() {
        RtspResponse r = SharedCaptures.response("h264dvr_setup_video.txt");
        assertEquals(4, r.headers().cseq());
        TransportHeader t = TransportHeader.parse(r.headers().get("Transport"));
        assertEquals(18714, t.clientPorts()[0]);
        assertEquals(40005, t.serverPorts()[1]);
    }

    @Test
    void quirk19_longseTrailingWhitespaceInCseq() {
        RtspResponse r = SharedCaptures.response("longse_unauthorized.txt");
        assertEquals(401, r.status());
        assertEquals(1, r.headers().cseq());
        assertEquals(List.of("Digest realm=\"Surveillance Server\", nonce=\"98481030\""),
                r.headers().getAll("www-authenticate"));
    }

    @Test
    void quirk29_sessionWithoutTimeoutDefaultsTo60() {
        assertEquals(60, SessionHeader.parse(SharedCaptures.response("luckfox_rkipc_setup_tcp.txt").headers()
                .get("Session")).timeoutSeconds());
        assertEquals(5, SessionHeader.parse("abc ; timeout=5").timeoutSeconds());
    }

    @Test
    void quirk20_contentBaseWithoutScheme() {
        RtspResponse r = SharedCaptures.response("anjvision_describe.txt");
        assertEquals("rtsp://192.168.1.10:554/stream0/", r.baseUrl("rtsp://192.168.1.10/x"));
    }

    @Test
    void genericSamples() {
        RtspResponse r = SharedCaptures.response("response.txt");
        assertTrue(r.status() >= 100);
        RtspMessage req = RtspParser.parseHead(SharedCaptures.text("request.txt"));
        assertTrue(req instanceof RtspRequest);
    }

    @Test
    void encodeParsesBack() {
        RtspRequest req = new RtspRequest("SETUP", "rtsp://h/s/trackID=0",
                RtspHeaders.of("CSeq", "3", "Transport", TransportHeader.tcpRequest(0)), null);
        String wire = new String(req.encode(), java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(wire.startsWith("SETUP rtsp://h/s/trackID=0 RTSP/1.0\r\nCSeq: 3\r\n"), wire);
        RtspRequest back = (RtspRequest) RtspParser.parseHead(wire);
        assertEquals(req.headers(), back.headers());
    }

    @Test
    void badStartLinesAreTypedErrors() {
        assertThrows(VigilException.class, () -> RtspParser.parseHead("RTSP/1.0 abc OK\r\n"));
        assertThrows(VigilException.class, () -> RtspParser.parseHead("HELLO\r\n"));
        assertThrows(VigilException.class, () -> RtspParser.contentLength(RtspHeaders.of("Content-Length", "-1"), 10));
    }

    @Test
    void urlCredentialsAreSplitOffAndNeverShown() {
        RtspUrl url = RtspUrl.parse("rtsp://admin:s%40cret@10.0.0.5:8554/live?x=1");
        assertEquals("rtsp://10.0.0.5:8554/live?x=1", url.url());
        assertEquals(new Credentials("admin", "s@cret"), url.embedded());
        assertTrue(!url.embedded().toString().contains("cret"));
        assertEquals(554, RtspUrl.parse("rtsp://cam/").port());
        VigilException e = assertThrows(VigilException.class, () -> RtspUrl.parse("http://u:pw@x/"));
        assertTrue(!e.getMessage().contains("pw"));
    }
}
