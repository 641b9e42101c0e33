package dev.vigil.ingest.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.VigilException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpPacketTest {
    @Test
    void senderReportRoundTrip() {
        long ntp = RtcpPacket.ntpFromEpochMillis(Instant.parse("2026-11-27T01:02:03.250Z").toEpochMilli());
        byte[] sr = RtcpPacket.senderReport(0xdeadbeefL, ntp, 123456789L, 10, 2000);
        List<RtcpPacket> parsed = RtcpPacket.parseCompound(sr, 0, sr.length);
        RtcpPacket.SenderReport r = (RtcpPacket.SenderReport) parsed.get(0);
        assertEquals(0xdeadbeefL, r.ssrc());
        assertEquals(123456789L, r.rtpTimestamp());
        assertEquals(Instant.parse("2026-11-27T01:02:03.250Z").toEpochMilli(), r.epochMillis());
        assertEquals(10, r.packetCount());
        assertEquals(2000, r.octetCount());
    }

    @Test
    void byeListsItsSources() {
        byte[] bye = {(byte) 0x82, (byte) 203, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2};
        RtcpPacket.Bye b = (RtcpPacket.Bye) RtcpPacket.parseCompound(bye, 0, bye.length).get(0);
        assertEquals(List.of(1L, 2L), b.ssrcs());
    }

    @Test
    void unknownTypesAreSkippedAndBadLengthsRefused() {
        byte[] app = {(byte) 0x80, (byte) 204, 0, 1, 0, 0, 0, 9};
        assertEquals(List.of(), RtcpPacket.parseCompound(app, 0, app.length));
        byte[] tooLong = {(byte) 0x80, (byte) 200, 0, 9, 0, 0, 0, 9};
        assertThrows(VigilException.class, () -> RtcpPacket.parseCompound(tooLong, 0, tooLong.length));
        byte[] badVersion = {(byte) 0x40, (byte) 200, 0, 0};
        assertThrows(VigilException.class, () -> RtcpPacket.parseCompound(badVersion, 0, badVersion.length));
    }

    @Test
    void receiverReportFields() {
        byte[] rr = RtcpPacket.receiverReport(1, 2, 64, 5, 70000, 12, 0xabcd1234L, 65536);
        assertEquals(32, rr.length);
        assertEquals((byte) 0x81, rr[0]);
        assertEquals((byte) 201, rr[1]);
        assertEquals(64, rr[12] & 0xff, "fraction lost");
        assertEquals(5, rr[15], "cumulative lost");
    }
}
