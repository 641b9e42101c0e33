package dev.vigil.ingest.h264;

import dev.vigil.ingest.rtp.NalPacketizer;

/**
 * Cuts one H.264 access unit into RTP payloads, RFC 6184 non-interleaved mode
 * ({@code packetization-mode=1}). Pure and stateless: RTP headers (sequence, timestamp, SSRC,
 * marker on the last payload) are the caller's.
 *
 * <p>Implementation note: consecutive NAL units that fit together in one payload (typically SPS
 * and PPS) go into one STAP-A (section 5.7.1); a NAL unit larger than the payload limit is split
 * into FU-A fragments (section 5.8) whose FU indicator keeps the NAL's F and NRI bits and whose FU
 * header carries its type; everything else is a single NAL unit packet (section 5.6).
 */
public final class H264Packetizer extends NalPacketizer {
    /** @param maxPayload largest RTP payload, 64 to 65000 bytes */
    public H264Packetizer(int maxPayload) {
        super(maxPayload, 1);
    }

    /** STAP-A indicator: F is the OR of the units' F bits, NRI their highest (section 5.7). */
    @Override
    protected void writeAggregationHeader(byte[][] nals, int from, int to, byte[] packet) {
        int nri = 0;
        int f = 0;
        for (int k = from; k < to; k++) {
            nri = Math.max(nri, nals[k][0] & 0x60);
            f |= nals[k][0] & 0x80;
        }
        packet[0] = (byte) (f | nri | NalType.STAP_A);
    }

    @Override
    protected byte[] fragmentationHeader(byte[] nal) {
        return new byte[] {(byte) ((nal[0] & 0xe0) | NalType.FU_A)};
    }

    @Override
    protected int type(byte[] nal) {
        return nal[0] & 0x1f;
    }
}
