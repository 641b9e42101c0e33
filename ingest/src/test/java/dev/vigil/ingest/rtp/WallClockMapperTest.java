package dev.vigil.ingest.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WallClockMapperTest {
    private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");

    @Test
    void senderReportMapsRtpTimeToTheCamerasClock() {
        WallClockMapper m = new WallClockMapper();
        long ntp = RtcpPacket.ntpFromEpochMillis(T0.toEpochMilli());
        m.onSenderReport(new RtcpPacket.SenderReport(1, ntp, 1_000_000, 0, 0));
        // 90,000 ticks later is one second later, whenever the packet arrived.
        assertEquals(T0.plusSeconds(1), m.wallClock(1_090_000, T0.plusSeconds(7)));
        assertEquals(T0.minusMillis(500), m.wallClock(1_000_000 - 45_000, T0));
        // Across the 32-bit wrap.
        m.onSenderReport(new RtcpPacket.SenderReport(1, ntp, 0xffff_ff00L, 0, 0));
        assertEquals(T0.plusSeconds(1), m.wallClock(0xffff_ff00L + 90_000 - 0x1_0000_0000L, T0));
    }

    @Test
    void withoutReportsJitterDoesNotMoveTheClock() {
        WallClockMapper m = new WallClockMapper();
        assertEquals(T0, m.wallClock(0, T0));
        // The next picture arrives 30 ms late: it is still placed 40 ms after the first (plus at
        // most the drift allowance: 200 ppm of 70 ms is 14 us).
        assertWithin(T0.plusMillis(40), m.wallClock(3600, T0.plusMillis(70)), 20);
        // One that arrives early lowers the offset at once (less delay than ever seen).
        assertEquals(T0.plusMillis(70), m.wallClock(9000, T0.plusMillis(70)));
    }

    @Test
    void withoutReportsASlowCameraClockIsFollowedSlowly() {
        WallClockMapper m = new WallClockMapper();
        m.wallClock(0, T0);
        // 100 s later by our clock the camera says 99.99 s: its clock is 100 ppm slow; within the allowance.
        Instant mapped = m.wallClock((long) (99.99 * 90_000), T0.plusSeconds(100));
        assertEquals(T0.plusSeconds(100), mapped);
    }

    private static void assertWithin(Instant expected, Instant actual, long micros) {
        long diff = Math.abs(java.time.Duration.between(expected, actual).toNanos()) / 1000;
        org.junit.jupiter.api.Assertions.assertTrue(diff <= micros, expected + " vs " + actual);
    }
}
