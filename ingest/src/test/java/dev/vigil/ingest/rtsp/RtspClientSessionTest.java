package dev.vigil.ingest.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.ingest.rtp.VideoDepacketizer;
import dev.vigil.ingest.rtp.RtpPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The client state machine driven with scripted camera answers on an {@link EmbeddedChannel}. */
class RtspClientSessionTest {
    private static final String URL = "rtsp://10.0.0.5/live";
    private static final String SDP = "v=0\r\ns=x\r\nt=0 0\r\na=control:*\r\nm=video 0 RTP/AVP 97\r\n"
            + "a=rtpmap:97 H264/90000\r\na=fmtp:97 packetization-mode=1\r\na=control:trackID=2\r\n";

    private final List<String> phases = new ArrayList<>();
    private final List<AccessUnit> units = new ArrayList<>();
    private final List<String> bad = new ArrayList<>();
    private final List<VigilException> closed = new ArrayList<>();
    private final List<String> limits = new ArrayList<>();
    private boolean closedCleanly;

    private final RtspClientSession.Listener listener = new RtspClientSession.Listener() {
        @Override
        public void onPhase(RtspClientSession.Phase phase) {
            phases.add(phase.name());
        }

        @Override
        public void onRtpPacket(int bytes) { }

        @Override
        public void onPacketsLost(long count) { }

        @Override
        public void onBadPacket(String problem) {
            bad.add(problem);
        }

        @Override
        public void onAccessUnit(AccessUnit unit) {
            units.add(unit);
        }

        @Override
        public void onLimitExceeded(String limit) {
            limits.add(limit);
        }

        @Override
        public void onClosed(VigilException cause) {
            if (cause == null) {
                closedCleanly = true;
            } else {
                closed.add(cause);
            }
        }
    };

    private RtspClientSession session(Credentials credentials) {
        return session(credentials, VideoDepacketizer.Limits.defaults());
    }

    private RtspClientSession session(Credentials credentials, VideoDepacketizer.Limits unitLimits) {
        return new RtspClientSession(CameraId.of("gate-3"), RtspUrl.parse(URL), credentials, Duration.ofSeconds(5),
                Clock.systemUTC(), unitLimits, listener);
    }

    /**
     * Drives {@code session} through OPTIONS, DESCRIBE, SETUP and PLAY with plain 200 answers; SETUP
     * is answered with {@code sessionHeader} and PLAY with {@code playHeaders} (each line ends in CRLF).
     */
    private EmbeddedChannel playing(RtspClientSession session, String sessionHeader, String playHeaders) {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder(), session);
        request(ch);
        answer(ch, "RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n");
        request(ch);
        answer(ch, "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Length: " + SDP.length() + "\r\n\r\n" + SDP);
        request(ch);
        answer(ch, "RTSP/1.0 200 OK\r\nCSeq: 3\r\nSession: " + sessionHeader
                + "\r\nTransport: RTP/AVP/TCP;interleaved=0-1\r\n\r\n");
        request(ch);
        answer(ch, "RTSP/1.0 200 OK\r\nCSeq: 4\r\n" + playHeaders + "\r\n");
        assertEquals(List.of("DESCRIBING", "SETTING_UP", "PLAYING"), phases);
        return ch;
    }

    /** Interleaved frames the session wrote (RTCP receiver reports), as channel and payload type. */
    private final List<String> framesSent = new ArrayList<>();

    private RtspRequest request(EmbeddedChannel ch) {
        ch.runPendingTasks();
        while (true) {
            ByteBuf out = ch.readOutbound();
            try {
                if (out.getByte(0) == '$') {
                    framesSent.add("channel " + out.getByte(1) + " type " + (out.getByte(5) & 0xff));
                    continue;
                }
                return (RtspRequest) RtspParser.parseHead(out.toString(StandardCharsets.UTF_8));
            } finally {
                out.release();
            }
        }
    }

    private static void answer(EmbeddedChannel ch, String text) {
        ch.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    private static void frame(EmbeddedChannel ch, int channel, byte[] rtp) {
        ByteBuf b = Unpooled.buffer();
        InterleavedFrame.writeHeader(b, channel, rtp.length);
        b.writeBytes(rtp);
        ch.writeInbound(b);
    }

    private static byte[] rtp(int pt, boolean marker, int seq, long ts, long ssrc, int... payload) {
        ByteBuf b = Unpooled.buffer();
        RtpPacket.writeHeader(b, pt, marker, seq, ts, ssrc);
        for (int p : payload) {
            b.writeByte(p);
        }
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        b.release();
        return out;
    }

    @Test
    void digestDescribeSetupPlayKeepaliveTeardown() {
        RtspClientSession session = session(new Credentials("admin", "secret"));
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder(), session);

        RtspRequest options = request(ch);
        assertEquals("OPTIONS", options.method());
        answer(ch, "RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, GET_PARAMETER\r\n\r\n");

        RtspRequest describe = request(ch);
        assertEquals("DESCRIBE", describe.method());
        assertNull(describe.headers().get("Authorization"));
        // Quirk 19 (Longse): "CSeq: 2 " with a trailing space, Digest challenge.
        answer(ch, "RTSP/1.0 401 Unauthorized\r\nCSeq: 2 \r\n"
                + "WWW-Authenticate: Digest realm=\"Surveillance Server\", nonce=\"98481030\"\r\n\r\n");
        RtspRequest retry = request(ch);
        assertEquals("DESCRIBE", retry.method());
        assertEquals("application/sdp", retry.headers().get("Accept"));
        String auth = retry.headers().get("Authorization");
        assertTrue(auth.startsWith("Digest username=\"admin\", realm=\"Surveillance Server\""), auth);
        assertFalse(auth.contains("secret"));
        // Quirk 7: an interleaved frame before the answer, on a channel not set up yet (quirk 11).
        frame(ch, 1, new byte[] {1, 2, 3});
        // Quirk 21: no Content-Type. Quirk 40: a Session header before SETUP is ignored.
        answer(ch, "RTSP/1.0 200 OK\r\nCSeq: 3\r\nSession: 7\r\nContent-Base: rtsp://10.0.0.5/live/\r\n"
                + "Content-Length: " + SDP.length() + "\r\n\r\n" + SDP);

        RtspRequest setup = request(ch);
        assertEquals("SETUP", setup.method());
        assertEquals("rtsp://10.0.0.5/live/trackID=2", setup.uri());
        assertEquals("RTP/AVP/TCP;unicast;interleaved=0-1", setup.headers().get("Transport"));
        assertNull(setup.headers().get("Session"));
        answer(ch, "RTSP/1.0 200 OK\r\nCSeq: 4\r\nSession: 1642021126;timeout=60\r\n"
                + "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n");

        RtspRequest play = request(ch);
        assertEquals("PLAY", play.method());
        assertEquals("rtsp://10.0.0.5/live/", play.uri());
        assertEquals("1642021126", play.headers().get("Session"));
        // v4l2rtspserver (quirk 7): RTP before the PLAY answer. STAP-A SPS+PPS, then an IDR.
        frame(ch, 0, rtp(97, false, 10, 9000, 0xabc, 0x78, 0, 4, 0x67, 0x42, 0, 0x1e, 0, 2, 0x68, 0xce));
        answer(ch, "RTSP/1.0 200 OK\r\nCSeq: 5\r\nSession: 1642021126\r\nRTP-Info: url=trackID=2;seq=0;rtptime=-1\r\n\r\n");
        frame(ch, 0, rtp(97, true, 11, 9000, 0xabc, 0x65, 1, 2, 3));
        // Quirk 12 (Geovision): PT 50 junk; quirk 8 (Reolink): another session's SSRC.
        frame(ch, 0, rtp(50, true, 12, 9000, 0xabc, 0x65, 1));
        frame(ch, 0, rtp(97, true, 500, 1, 0xdef, 0x65, 1));
        frame(ch, 0, rtp(97, true, 12, 12000, 0xabc, 0x41, 1));

        assertEquals(List.of("DESCRIBING", "SETTING_UP", "PLAYING"), phases);
        assertEquals(2, units.size());
        assertTrue(units.get(0).keyframe());
        assertEquals(3, units.get(0).nalUnits().size());
        assertEquals(2, bad.size(), bad.toString());

        // Quirk 25: keepalive at timeout/2 with a method from Public.
        ch.advanceTimeBy(31, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        RtspRequest keepalive = request(ch);
        assertEquals("GET_PARAMETER", keepalive.method());
        // RTCP receiver reports every 5 s on the channel after RTP's (RFC 2326 section 10.12).
        assertTrue(!framesSent.isEmpty(), framesSent.toString());
        assertTrue(framesSent.stream().allMatch(f -> f.equals("channel 1 type 201")), framesSent.toString());
        answer(ch, "RTSP/1.0 200 OK\r\nCSeq: 6\r\n\r\n");

        session.teardown(Duration.ofSeconds(1));
        RtspRequest teardown = request(ch);
        assertEquals("TEARDOWN", teardown.method());
        answer(ch, "RTSP/1.0 200 OK\r\nCSeq: 7\r\nConnection: close\r\n\r\n");
        ch.runPendingTasks();
        assertFalse(ch.isOpen());
        assertTrue(closedCleanly);
        assertEquals(List.of(), closed);
        ch.finishAndReleaseAll();
    }

    @Test
    void unansweredRequestTimesOutNamingTheCamera() {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder(), session(null));
        assertEquals("OPTIONS", request(ch).method());
        ch.advanceTimeBy(6, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertEquals(1, closed.size());
        assertEquals(ErrorKind.DEADLINE_EXCEEDED, closed.get(0).kind());
        assertTrue(closed.get(0).getMessage().contains("camera gate-3"), closed.get(0).getMessage());
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void quirk39_teardownNeverAnsweredIsBounded() {
        RtspClientSession session = session(null);
        EmbeddedChannel ch = playing(session, "9", "");
        session.teardown(Duration.ofSeconds(2));
        assertEquals("TEARDOWN", request(ch).method());
        ch.advanceTimeBy(3, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertFalse(ch.isOpen());
        assertTrue(closedCleanly);
        ch.finishAndReleaseAll();
    }

    @Test
    void noCredentialsFor401IsUnauthenticated() {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder(), session(null));
        request(ch);
        answer(ch, "RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n");
        request(ch);
        answer(ch, "RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Basic realm=\"x\"\r\n\r\n");
        assertEquals(ErrorKind.UNAUTHENTICATED, closed.get(0).kind());
        ch.finishAndReleaseAll();
    }

    /** Quirk 38: RTCP BYE ends the session, so the supervisor starts again from DESCRIBE. */
    @Test
    void rtcpByeEndsTheSession() {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder(), session(null));
        request(ch);
        answer(ch, "RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n");
        request(ch);
        answer(ch, "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Length: " + SDP.length() + "\r\n\r\n" + SDP);
        request(ch);
        answer(ch, "RTSP/1.0 200 OK\r\nCSeq: 3\r\nSession: 1\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=00000ABC\r\n\r\n");
        request(ch);
        answer(ch, "RTSP/1.0 200 OK\r\nCSeq: 4\r\nSession: 1\r\n\r\n");
        // Quirk 24 (Tapo C320WS): RTCP from an unknown SSRC is dropped, not fatal.
        frame(ch, 1, dev.vigil.ingest.rtp.RtcpPacket.senderReport(0x999, 0, 0, 0, 0));
        assertEquals(List.of(), closed);
        frame(ch, 1, new byte[] {(byte) 0x81, (byte) 203, 0, 1, 0, 0, 0x0a, (byte) 0xbc});
        assertEquals(1, closed.size());
        assertTrue(closed.get(0).getMessage().contains("RTCP BYE"), closed.get(0).getMessage());
        ch.finishAndReleaseAll();
    }

    /** A keepalive answered 401 (a stale Digest nonce) is answered again with the new challenge. */
    @Test
    void reauthenticatesWhenAKeepaliveGets401() {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder(), session(new Credentials("admin", "pw")));
        request(ch);
        answer(ch, "RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: GET_PARAMETER\r\n\r\n");
        request(ch);
        answer(ch, "RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest realm=\"r\", nonce=\"one\"\r\n\r\n");
        request(ch);
        answer(ch, "RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Length: " + SDP.length() + "\r\n\r\n" + SDP);
        request(ch);
        answer(ch, "RTSP/1.0 200 OK\r\nCSeq: 4\r\nSession: 1;timeout=60\r\nTransport: RTP/AVP/TCP;interleaved=0-1\r\n\r\n");
        request(ch);
        answer(ch, "RTSP/1.0 200 OK\r\nCSeq: 5\r\nSession: 1\r\n\r\n");
        ch.advanceTimeBy(31, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        RtspRequest keepalive = request(ch);
        assertTrue(keepalive.headers().get("Authorization").contains("nonce=\"one\""));
        answer(ch, "RTSP/1.0 401 Unauthorized\r\nCSeq: 6\r\nWWW-Authenticate: Digest realm=\"r\", nonce=\"two\"\r\n\r\n");
        RtspRequest again = request(ch);
        assertEquals("GET_PARAMETER", again.method());
        assertTrue(again.headers().get("Authorization").contains("nonce=\"two\""), again.headers().get("Authorization"));
        answer(ch, "RTSP/1.0 200 OK\r\nCSeq: 7\r\n\r\n");
        assertEquals(List.of(), closed);
        assertTrue(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    /** Quirk 31: a keepalive answered 454 (the server forgot the session) ends it; the supervisor starts again. */
    @Test
    void quirk31_keepaliveAnswered454EndsTheSession() {
        EmbeddedChannel ch = playing(session(null), "1;timeout=10", "Session: 1\r\n");
        ch.advanceTimeBy(6, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        RtspRequest keepalive = request(ch);
        assertEquals("OPTIONS", keepalive.method(), "no GET_PARAMETER in Public: OPTIONS (quirk 25)");
        answer(ch, "RTSP/1.0 454 Session Not Found\r\nCSeq: 5\r\n\r\n");
        assertEquals(1, closed.size());
        assertTrue(closed.get(0).getMessage().contains("454"), closed.get(0).getMessage());
        assertNull(ch.readOutbound(), "no TEARDOWN for a session the server has forgotten");
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    /** Quirk 5 (Hikvision): TEARDOWN answered 454 or 500 means the session is gone: a clean close. */
    @Test
    void quirk5_teardownAnswered454Or500IsAGoneSession() {
        for (String status : List.of("454 Session Not Found", "500 Internal Server Error")) {
            closedCleanly = false;
            phases.clear();
            RtspClientSession session = session(null);
            EmbeddedChannel ch = playing(session, "9", "");
            session.teardown(Duration.ofSeconds(30));
            assertEquals("TEARDOWN", request(ch).method());
            answer(ch, "RTSP/1.0 " + status + "\r\nCSeq: 5\r\n\r\n");
            ch.runPendingTasks();
            assertFalse(ch.isOpen(), status + ": closed at once, not after the 30 s wait");
            assertTrue(closedCleanly, status);
            assertEquals(List.of(), closed, status);
            ch.finishAndReleaseAll();
        }
    }

    /** Quirk 23: a camera that answers with another Session id later; the first one is kept. */
    @Test
    void quirk23_firstSessionIdIsKept() {
        EmbeddedChannel ch = playing(session(null), "1111;timeout=10", "Session: 2222\r\n");
        ch.advanceTimeBy(6, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertEquals("1111", request(ch).headers().get("Session"));
        ch.finishAndReleaseAll();
    }

    /** Quirk 11: a session that fails while the camera holds it says TEARDOWN before closing. */
    @Test
    void quirk11_failureWhilePlayingSendsTeardownBeforeClosing() {
        RtspClientSession session = session(null);
        EmbeddedChannel ch = playing(session, "77", "");
        session.abort(ErrorKind.DEADLINE_EXCEEDED, "no RTP for 10000 ms");
        RtspRequest teardown = request(ch);
        assertEquals("TEARDOWN", teardown.method());
        assertEquals("77", teardown.headers().get("Session"));
        assertFalse(ch.isOpen());
        assertEquals(ErrorKind.DEADLINE_EXCEEDED, closed.get(0).kind());
        ch.finishAndReleaseAll();
    }

    /** An RTSP head over the limit closes the session as RESOURCE_EXHAUSTED naming the limit. */
    @Test
    void oversizedRtspHeadIsALimitViolation() {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder(
                new InterleavedFrameDecoder.Limits(1024, 4096)), session(null));
        request(ch);
        answer(ch, "RTSP/1.0 200 OK\r\nCSeq: 1\r\nX-Junk: " + "a".repeat(2000) + "\r\n\r\n");
        assertEquals(List.of("rtsp_head_bytes"), limits);
        assertEquals(ErrorKind.RESOURCE_EXHAUSTED, closed.get(0).kind());
        assertTrue(closed.get(0).getMessage().contains("camera gate-3") && closed.get(0).getMessage()
                .contains("rtsp_head_bytes"), closed.get(0).getMessage());
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    /**
     * An access unit over the limit is dropped and counted; the session goes on and the next
     * keyframe plays (a hostile camera cannot grow memory, nor stop a sane one).
     */
    @Test
    void oversizedAccessUnitIsCountedAndDropped() {
        EmbeddedChannel ch = playing(session(null, new VideoDepacketizer.Limits(1024, 16)), "5", "");
        // FU-A start, middle and end of an IDR of 3 x 400 bytes, over the 1024-byte limit.
        int[] chunk = new int[402];
        chunk[0] = 0x1c + 0x60; // FU indicator: NRI 3, type 28
        chunk[1] = 0x80 | 5;
        frame(ch, 0, rtp(97, false, 1, 3000, 0x1, chunk));
        chunk[1] = 5;
        frame(ch, 0, rtp(97, false, 2, 3000, 0x1, chunk));
        chunk[1] = 0x40 | 5;
        frame(ch, 0, rtp(97, true, 3, 3000, 0x1, chunk));
        assertEquals(List.of(), units);
        assertTrue(limits.contains("access_unit_size"), limits.toString());
        frame(ch, 0, rtp(97, true, 4, 6000, 0x1, 0x65, 1, 2, 3));
        assertEquals(1, units.size());
        assertTrue(units.get(0).keyframe());
        assertEquals(List.of(), closed);
        ch.finishAndReleaseAll();
    }
}
