package dev.vigil.ingest.h265;

import dev.vigil.ingest.rtp.NalPacketizer;

/**
 * Cuts one H.265 access unit into RTP payloads per RFC 7798, without DON
 * ({@code sprop-max-don-diff=0}). Pure and stateless: RTP headers (sequence, timestamp, SSRC,
 * marker on the last payload) are the caller's.
 *
 * <p>Implementation note: consecutive NAL units that fit together in one payload (typically VPS,
 * SPS and PPS) go into one aggregation packet (section 4.4.2), whose payload header carries F as
 * the OR of the units' F bits and the lowest LayerId and TID among them; a NAL unit larger than the
 * payload limit is split into fragmentation units (section 4.4.3) whose payload header is the NAL
 * unit header with type 49 and whose FU header carries the original type; everything else is a
 * single NAL unit packet (section 4.4.1).
 */
public final class H265Packetizer extends NalPacketizer {
    /** @param maxPayload largest RTP payload, 64 to 65000 bytes */
    public H265Packetizer(int maxPayload) {
        super(maxPayload, 2);
    }

    /** NAL units without start codes, each at least 3 bytes (header and payload). */
    @Override
    protected void checkNals(byte[][] nals) {
        for (byte[] nal : nals) {
            if (nal.length < 3) {
                throw new IllegalArgumentException("an H.265 NAL unit has at least 3 bytes, got " + nal.length);
            }
        }
    }

    /** AP payload header: F is the OR of the units' F bits; LayerId and TID their lowest (section 4.4.2). */
    @Override
    protected void writeAggregationHeader(byte[][] nals, int from, int to, byte[] packet) {
        int f = 0;
        int layer = 63;
        int tid = 7;
        for (int k = from; k < to; k++) {
            f |= nals[k][0] & 0x80;
            layer = Math.min(layer, ((nals[k][0] & 0x01) << 5) | ((nals[k][1] & 0xff) >> 3));
            tid = Math.min(tid, nals[k][1] & 0x07);
        }
        packet[0] = (byte) (f | (H265NalType.AP << 1) | (layer >> 5));
        packet[1] = (byte) (((layer & 0x1f) << 3) | tid);
    }

    /** The NAL unit header with type 49 (FU). */
    @Override
    protected byte[] fragmentationHeader(byte[] nal) {
        return new byte[] {(byte) ((nal[0] & 0x81) | (H265NalType.FU << 1)), nal[1]};
    }

    @Override
    protected int type(byte[] nal) {
        return H265NalType.of(nal[0]);
    }
}
