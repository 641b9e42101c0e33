package dev.vigil.ingest.rtp;

/**
 * Follows the 16-bit RTP sequence number of one source and classifies each packet (RFC 3550
 * appendix A.1, simplified: no probation, since the gateway trusts its SETUP).
 *
 * <p>Not thread-safe; one instance per stream, used on its event loop.
 */
public final class SequenceTracker {
    /** What a packet's sequence number says about the stream. */
    public enum Verdict {
        /** The first packet, or the one expected. */
        IN_ORDER,
        /** Packets were skipped; {@link #lastGap()} says how many. */
        GAP,
        /** Older than expected (duplicate or reordered): drop it. */
        LATE
    }

    private int expected = -1;
    private int lastGap;
    private long lost;

    /** Classifies {@code sequence} (0 to 65535) and advances. A late packet does not advance. */
    public Verdict accept(int sequence) {
        if (expected < 0) {
            expected = (sequence + 1) & 0xffff;
            return Verdict.IN_ORDER;
        }
        int delta = (sequence - expected) & 0xffff;
        if (delta == 0) {
            expected = (sequence + 1) & 0xffff;
            return Verdict.IN_ORDER;
        }
        if (delta >= 0x8000) {
            return Verdict.LATE;
        }
        lastGap = delta;
        lost += delta;
        expected = (sequence + 1) & 0xffff;
        return Verdict.GAP;
    }

    /** Packets skipped by the most recent {@link Verdict#GAP}. */
    public int lastGap() {
        return lastGap;
    }

    /** Packets skipped since creation. */
    public long lost() {
        return lost;
    }
}
