package dev.vigil.ingest.rtp;

import java.time.Instant;

/**
 * Maps RTP timestamps (90 kHz) of one stream to wall-clock time.
 *
 * <p>With RTCP sender reports: the report pairs an NTP time with an RTP time (RFC 3550 section
 * 6.4.1), and a picture's time is that NTP time plus the RTP distance. The latest report wins, so
 * the camera's clock corrections are followed.
 *
 * <p>Without: the receive time, smoothed. Each picture gives an offset {@code arrival - rtp/90k};
 * network and scheduling delay only ever add to it, so the mapping follows the smallest offset
 * seen (a minimum-delay filter), and lets that minimum rise by at most {@value #DRIFT_PPM} ppm
 * of elapsed time, so a camera clock that runs slow against ours is followed without importing
 * the jitter of every packet. Pure: times come in as arguments.
 */
public final class WallClockMapper {
    /** How fast the receive-time offset may grow: 200 ppm, 0.2 ms per second. */
    static final long DRIFT_PPM = 200;

    private long srRtp = -1;
    private long srEpochMillis;
    private boolean haveOffset;
    /** Offset in microseconds: wall time minus RTP time. */
    private long offsetMicros;
    private long offsetAtMillis;
    private long lastRtp = -1;

    /** Takes a sender report of this stream. */
    public void onSenderReport(RtcpPacket.SenderReport sr) {
        srRtp = sr.rtpTimestamp();
        srEpochMillis = sr.epochMillis();
    }

    /** Whether a sender report has been seen. */
    public boolean synchronizedToSender() {
        return srRtp >= 0;
    }

    /**
     * The wall-clock time of a picture.
     *
     * @param rtpTimestamp the picture's RTP timestamp; only its low 32 bits are used
     * @param arrival when its first packet arrived
     */
    public Instant wallClock(long rtpTimestamp, Instant arrival) {
        long rtp32 = rtpTimestamp & 0xffffffffL;
        if (srRtp >= 0) {
            int delta = (int) (rtp32 - srRtp); // signed distance, valid within 6.6 hours of the report
            return Instant.ofEpochMilli(srEpochMillis).plusNanos(delta * 1_000_000_000L / 90_000);
        }
        long arrivalMicros = arrival.getEpochSecond() * 1_000_000 + arrival.getNano() / 1000;
        long rtpMicros = extend(rtp32) * 1_000_000 / 90_000;
        long observed = arrivalMicros - rtpMicros;
        long nowMillis = arrivalMicros / 1000;
        if (!haveOffset) {
            offsetMicros = observed;
            offsetAtMillis = nowMillis;
            haveOffset = true;
        } else {
            long allowance = Math.max(0, nowMillis - offsetAtMillis) * DRIFT_PPM / 1000; // ms*ppm/1000 = us
            offsetMicros = Math.min(offsetMicros + allowance, observed);
            offsetAtMillis = nowMillis;
        }
        long wallMicros = rtpMicros + offsetMicros;
        return Instant.ofEpochSecond(Math.floorDiv(wallMicros, 1_000_000), Math.floorMod(wallMicros, 1_000_000) * 1000);
    }

    /** Extends 32-bit RTP time to 64 bits across wraps (about every 13 hours at 90 kHz). */
    private long extend(long rtp32) {
        if (lastRtp >= 0) {
            long diff = (int) (rtp32 - (lastRtp & 0xffffffffL));
            long extended = lastRtp + diff;
            lastRtp = extended;
            return extended;
        }
        lastRtp = rtp32;
        return lastRtp;
    }
}
