package dev.vigil.ingest.rtsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ingest.SharedCaptures;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InterleavedFrameDecoderTest {

    /** Wowza BigBuckBunny session (bunny.rtsp): 102 audio frames on channel 0, 269 video on 2. */
    @Test
    void splitsTheBunnyCaptureInAnyChunking() {
        byte[] capture = SharedCaptures.bytes("bunny.rtsp");
        for (int seed = 0; seed < 3; seed++) {
            EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder());
            Random random = new Random(seed);
            for (int pos = 0; pos < capture.length; ) {
                int n = Math.min(capture.length - pos, 1 + random.nextInt(seed == 0 ? capture.length : 700));
                ch.writeInbound(Unpooled.wrappedBuffer(capture, pos, n));
                pos += n;
            }
            Map<Integer, Integer> frames = new HashMap<>();
            long bytes = 0;
            for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
                InterleavedFrame f = assertInstanceOf(InterleavedFrame.class, o);
                frames.merge(f.channel(), 1, Integer::sum);
                bytes += 4 + f.content().readableBytes();
                f.release();
            }
            assertEquals(Map.of(0, 102, 2, 269), frames, "seed " + seed);
            assertEquals(capture.length, bytes);
            assertFalse(ch.finish());
        }
    }

    /** Quirk 7 (Reolink, v4l2rtspserver): frames before and after a response on one stream. */
    @Test
    void quirk7_framesAroundAResponse() {
        byte[] response = ("RTSP/1.0 200 OK\r\nCSeq: 4\r\nSession: 1\r\nContent-Length: 5\r\n\r\n$body")
                .getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(new byte[] {'$', 1, 0, 3, 9, 9, 9});
        in.writeBytes(response);
        in.writeBytes(new byte[] {'\r', '\n', '$', 0, 0, 2, 7, 7});
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder());
        byte[] all = in.toByteArray();
        for (byte b : all) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b})); // one byte at a time
        }
        InterleavedFrame rtcp = ch.readInbound();
        assertEquals(1, rtcp.channel());
        assertEquals(3, rtcp.content().readableBytes());
        rtcp.release();
        RtspResponse r = ch.readInbound();
        assertEquals(200, r.status());
        assertEquals(4, r.headers().cseq());
        assertArrayEquals("$body".getBytes(StandardCharsets.US_ASCII), r.body(), "a $ in a body is not a frame");
        InterleavedFrame rtp = ch.readInbound();
        assertEquals(0, rtp.channel());
        rtp.release();
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void requestsAreDecodedToo() {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder());
        ch.writeInbound(Unpooled.copiedBuffer("OPTIONS rtsp://h/s RTSP/1.0\nCSeq: 1\n\n", StandardCharsets.US_ASCII));
        RtspRequest r = ch.readInbound();
        assertEquals("OPTIONS", r.method());
        assertEquals("rtsp://h/s", r.uri());
        assertFalse(ch.finish());
    }

    @Test
    void garbageBecomesOneFailureAndTheRestIsDiscarded() {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {'$', 0, 0, 1, 5, (byte) 0xff, 1, 2, 3}));
        InterleavedFrame f = ch.readInbound();
        f.release();
        RtspDecodeFailure failure = ch.readInbound();
        assertEquals(5, failure.streamOffset());
        assertTrue(failure.reason().contains("0xff"), failure.reason());
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {'$', 0, 0, 1, 5}));
        assertNull(ch.readInbound(), "nothing after the failure");
        assertFalse(ch.finish());
    }

    /** Quirk 41: heads may be long, but not unbounded. */
    @Test
    void quirk41_headLimit() {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder(new InterleavedFrameDecoder.Limits(256, 1024)));
        ch.writeInbound(Unpooled.copiedBuffer("RTSP/1.0 200 OK\r\nX: " + "a".repeat(300), StandardCharsets.US_ASCII));
        RtspDecodeFailure f = assertInstanceOf(RtspDecodeFailure.class, ch.readInbound());
        assertEquals("rtsp_head_bytes", f.limit());
        assertFalse(ch.finish());
    }

    @Test
    void contentLengthOverTheLimitFails() {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder(new InterleavedFrameDecoder.Limits(256, 10)));
        ch.writeInbound(Unpooled.copiedBuffer("RTSP/1.0 200 OK\r\nContent-Length: 11\r\n\r\n", StandardCharsets.US_ASCII));
        RtspDecodeFailure f = ch.readInbound();
        assertTrue(f.reason().contains("Content-Length 11"), f.reason());
        assertEquals("rtsp_body_bytes", f.limit());
        assertFalse(ch.finish());
    }
}
