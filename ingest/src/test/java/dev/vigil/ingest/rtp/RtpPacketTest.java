package dev.vigil.ingest.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.VigilException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    @Test
    void headerRoundTrip() {
        ByteBuf buf = Unpooled.buffer();
        RtpPacket.writeHeader(buf, 96, true, 65535, 0xfffffffeL, 0xdeadbeefL);
        buf.writeBytes(new byte[] {1, 2, 3});
        RtpPacket p = RtpPacket.parse(buf);
        assertEquals(96, p.payloadType());
        assertTrue(p.marker());
        assertEquals(65535, p.sequence());
        assertEquals(0xfffffffeL, p.timestamp());
        assertEquals(0xdeadbeefL, p.ssrc());
        assertArrayEquals(new byte[] {1, 2, 3}, p.payload());
        assertEquals(0, buf.readerIndex(), "parse borrows: reader index unchanged");
        buf.release();
    }

    @Test
    void csrcExtensionAndPaddingAreStripped() {
        byte[] b = {
            (byte) 0xb1, 0x60, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, // V=2 P X CC=1, PT 96
            9, 9, 9, 9, // CSRC
            (byte) 0xbe, (byte) 0xde, 0, 1, 7, 7, 7, 7, // extension of one word
            0x41, 5, // payload
            0, 0, 3 // padding of 3
        };
        RtpPacket p = RtpPacket.parse(Unpooled.wrappedBuffer(b));
        assertArrayEquals(new byte[] {0x41, 5}, p.payload());
    }

    @Test
    void badPacketsAreTypedErrorsWithSizes() {
        VigilException e = assertThrows(VigilException.class, () -> RtpPacket.parse(Unpooled.wrappedBuffer(new byte[5])));
        assertTrue(e.getMessage().contains("5 bytes"), e.getMessage());
        assertThrows(VigilException.class, () -> RtpPacket.parse(Unpooled.wrappedBuffer(new byte[12])), "version 0");
        byte[] badPad = {(byte) 0xa0, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 1, 50};
        assertThrows(VigilException.class, () -> RtpPacket.parse(Unpooled.wrappedBuffer(badPad)));
    }

    @Test
    void sequenceTracker() {
        SequenceTracker t = new SequenceTracker();
        assertEquals(SequenceTracker.Verdict.IN_ORDER, t.accept(65534));
        assertEquals(SequenceTracker.Verdict.IN_ORDER, t.accept(65535));
        assertEquals(SequenceTracker.Verdict.IN_ORDER, t.accept(0));
        assertEquals(SequenceTracker.Verdict.GAP, t.accept(3));
        assertEquals(2, t.lastGap());
        assertEquals(SequenceTracker.Verdict.LATE, t.accept(2));
        assertEquals(2, t.lost());
    }
}
