package dev.vigil.ingest.rtp;

import dev.vigil.core.error.VigilException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an RTCP compound packet (RFC 3550 section 6) that a receiver uses: sender reports
 * (to map RTP time to wall-clock time) and BYE. Receiver reports, SDES, APP and unknown types are
 * skipped. Pure: bytes in, records out; a malformed packet is a {@link VigilException}.
 */
public sealed interface RtcpPacket {
    int SR = 200;
    int RR = 201;
    int SDES = 202;
    int BYE = 203;

    /** The sender of the packet. */
    long ssrc();

    /**
     * A sender report's sender info (RFC 3550 section 6.4.1).
     *
     * @param ntpTimestamp the 64-bit NTP time (seconds since 1900 in the high 32 bits, fraction below)
     * @param rtpTimestamp the RTP timestamp of the same instant, 32 bits unsigned
     */
    record SenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount)
            implements RtcpPacket {
        /** The middle 32 bits of the NTP timestamp, as receiver reports quote it (LSR). */
        public long compactNtp() {
            return (ntpTimestamp >>> 16) & 0xffffffffL;
        }

        /** The NTP timestamp as milliseconds since 1970. */
        public long epochMillis() {
            long seconds = ntpTimestamp >>> 32;
            long fraction = ntpTimestamp & 0xffffffffL;
            return (seconds - NTP_TO_UNIX_SECONDS) * 1000 + (fraction * 1000 >>> 32);
        }
    }

    /** A BYE from each of {@code ssrcs}; {@link #ssrc()} is the first. */
    record Bye(List<Long> ssrcs) implements RtcpPacket {
        public Bye {
            ssrcs = List.copyOf(ssrcs);
            if (ssrcs.isEmpty()) {
                throw new IllegalArgumentException("a BYE names at least one source");
            }
        }

        @Override
        public long ssrc() {
            return ssrcs.get(0);
        }
    }

    /** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01. */
    long NTP_TO_UNIX_SECONDS = 2_208_988_800L;

    /**
     * Parses a compound packet. Unknown packet types are skipped by their length.
     *
     * @throws VigilException INVALID_ARGUMENT when a header or length does not fit the bytes
     */
    static List<RtcpPacket> parseCompound(byte[] data, int offset, int length) {
        List<RtcpPacket> out = new ArrayList<>(2);
        int pos = offset;
        int end = offset + length;
        while (pos + 4 <= end) {
            int first = data[pos] & 0xff;
            if ((first >> 6) != 2) {
                throw VigilException.invalid("RTCP version " + (first >> 6) + " at byte " + (pos - offset));
            }
            int count = first & 0x1f;
            int type = data[pos + 1] & 0xff;
            int words = ((data[pos + 2] & 0xff) << 8) | (data[pos + 3] & 0xff);
            int size = (words + 1) * 4;
            if (pos + size > end) {
                throw VigilException.invalid("RTCP packet of " + size + " bytes at byte " + (pos - offset)
                        + " runs past the " + length + "-byte datagram");
            }
            if (type == SR) {
                if (size < 28) {
                    throw VigilException.invalid("RTCP SR of " + size + " bytes, less than 28");
                }
                out.add(new SenderReport(u32(data, pos + 4), (u32(data, pos + 8) << 32) | u32(data, pos + 12),
                        u32(data, pos + 16), u32(data, pos + 20), u32(data, pos + 24)));
            } else if (type == BYE) {
                if (4 + count * 4 > size) {
                    throw VigilException.invalid("RTCP BYE with " + count + " sources in " + size + " bytes");
                }
                List<Long> ssrcs = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    ssrcs.add(u32(data, pos + 4 + 4 * i));
                }
                if (!ssrcs.isEmpty()) {
                    out.add(new Bye(ssrcs));
                }
            }
            pos += size;
        }
        return out;
    }

    /**
     * A receiver report with one report block (RFC 3550 section 6.4.2), 32 bytes.
     *
     * @param fractionLost 0..255, lost/expected since the last report, times 256
     * @param cumulativeLost packets lost since the start, clamped to 24 bits signed
     * @param lsr the compact NTP time of the last SR from the source, 0 if none
     * @param dlsr delay since that SR in units of 1/65536 s, 0 if none
     */
    static byte[] receiverReport(long ourSsrc, long sourceSsrc, int fractionLost, long cumulativeLost,
            long extendedHighestSeq, long jitter, long lsr, long dlsr) {
        byte[] b = new byte[32];
        b[0] = (byte) 0x81; // V=2, P=0, RC=1
        b[1] = (byte) RR;
        b[3] = 7; // length in 32-bit words minus one
        put32(b, 4, ourSsrc);
        put32(b, 8, sourceSsrc);
        long lost = Math.max(-0x800000L, Math.min(0x7fffffL, cumulativeLost)) & 0xffffffL;
        put32(b, 12, ((long) (fractionLost & 0xff) << 24) | lost);
        put32(b, 16, extendedHighestSeq);
        put32(b, 20, jitter);
        put32(b, 24, lsr);
        put32(b, 28, dlsr);
        return b;
    }

    /** A sender report with no report blocks (28 bytes), as the simulated cameras send. */
    static byte[] senderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packets, long octets) {
        byte[] b = new byte[28];
        b[0] = (byte) 0x80;
        b[1] = (byte) SR;
        b[3] = 6;
        put32(b, 4, ssrc);
        put32(b, 8, ntpTimestamp >>> 32);
        put32(b, 12, ntpTimestamp);
        put32(b, 16, rtpTimestamp);
        put32(b, 20, packets);
        put32(b, 24, octets);
        return b;
    }

    /** Milliseconds since 1970 as a 64-bit NTP timestamp. */
    static long ntpFromEpochMillis(long epochMillis) {
        long seconds = Math.floorDiv(epochMillis, 1000) + NTP_TO_UNIX_SECONDS;
        long fraction = ((long) Math.floorMod(epochMillis, 1000L) << 32) / 1000;
        return (seconds << 32) | fraction;
    }

    private static long u32(byte[] b, int i) {
        return ((b[i] & 0xffL) << 24) | ((b[i + 1] & 0xffL) << 16) | ((b[i + 2] & 0xffL) << 8) | (b[i + 3] & 0xffL);
    }

    private static void put32(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }
}
