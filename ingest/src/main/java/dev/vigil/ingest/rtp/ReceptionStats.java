package dev.vigil.ingest.rtp;

/**
 * What a receiver report says about one source (RFC 3550 appendix A.3 and A.8): extended highest
 * sequence number, packets lost in total and since the last report, and interarrival jitter in
 * RTP timestamp units. Pure: arrival times come in as arguments.
 */
public final class ReceptionStats {
    private static final int CLOCK_RATE = 90_000;

    private long baseSeq = -1;
    private long maxSeq;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private double jitter;
    private long lastTransit = Long.MIN_VALUE;
    private long lastSenderReportCompact;
    private long lastSenderReportAtMillis = -1;

    /** Counts one packet as it arrives (before reordering, as the RFC's algorithm expects). */
    public void onPacket(int sequence, long rtpTimestamp, long arrivalMillis) {
        if (baseSeq < 0) {
            baseSeq = sequence;
            maxSeq = sequence;
        } else {
            long candidate = (maxSeq & ~0xffffL) | sequence;
            if (candidate - maxSeq > 0x8000) {
                candidate -= 0x10000;
            } else if (maxSeq - candidate > 0x8000) {
                candidate += 0x10000;
            }
            maxSeq = Math.max(maxSeq, candidate);
        }
        received++;
        long arrival = arrivalMillis * CLOCK_RATE / 1000;
        long transit = arrival - (rtpTimestamp & 0xffffffffL);
        if (lastTransit != Long.MIN_VALUE) {
            long d = Math.abs(transit - lastTransit);
            jitter += (d - jitter) / 16.0;
        }
        lastTransit = transit;
    }

    /** Notes a sender report from the source, for the LSR and DLSR fields. */
    public void onSenderReport(RtcpPacket.SenderReport sr, long arrivalMillis) {
        lastSenderReportCompact = sr.compactNtp();
        lastSenderReportAtMillis = arrivalMillis;
    }

    /** Whether any packet has been counted. */
    public boolean started() {
        return baseSeq >= 0;
    }

    /** A receiver report for {@code sourceSsrc}, and starts the next reporting interval. */
    public byte[] receiverReport(long ourSsrc, long sourceSsrc, long nowMillis) {
        long expected = maxSeq - baseSeq + 1;
        long lost = expected - received;
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        long dlsr = lastSenderReportAtMillis < 0 ? 0 : (nowMillis - lastSenderReportAtMillis) * 65536 / 1000;
        return RtcpPacket.receiverReport(ourSsrc, sourceSsrc, Math.min(255, fraction), lost, maxSeq & 0xffffffffL,
                (long) jitter, lastSenderReportAtMillis < 0 ? 0 : lastSenderReportCompact, dlsr);
    }

    /** Packets lost since the start: expected minus received (negative with duplicates). */
    public long cumulativeLost() {
        return baseSeq < 0 ? 0 : maxSeq - baseSeq + 1 - received;
    }

    /** Interarrival jitter in RTP timestamp units. */
    public long jitter() {
        return (long) jitter;
    }
}
