package dev.vigil.ingest.h265;

import java.util.ArrayList;
import java.util.List;

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
public final class H265Packetizer {
    /** Default payload limit: a 1500-byte Ethernet MTU less IP, UDP and RTP headers, with room. */
    public static final int DEFAULT_MAX_PAYLOAD = 1400;

    private final int maxPayload;

    /** @param maxPayload largest RTP payload, 64 to 65000 bytes */
    public H265Packetizer(int maxPayload) {
        if (maxPayload < 64 || maxPayload > 65_000) {
            throw new IllegalArgumentException("maxPayload must be in [64, 65000], was " + maxPayload);
        }
        this.maxPayload = maxPayload;
    }

    /**
     * The payloads of one access unit, in sending order; the last one gets the marker bit.
     *
     * @param nals NAL units without start codes, each at least 3 bytes (header and payload)
     */
    public List<byte[]> packetize(byte[][] nals) {
        for (byte[] nal : nals) {
            if (nal.length < 3) {
                throw new IllegalArgumentException("an H.265 NAL unit has at least 3 bytes, got " + nal.length);
            }
        }
        List<byte[]> out = new ArrayList<>();
        int i = 0;
        while (i < nals.length) {
            // How many of the following NAL units fit in one AP (2-byte header + 2-byte sizes)?
            int size = 2;
            int j = i;
            while (j < nals.length && size + 2 + nals[j].length <= maxPayload) {
                size += 2 + nals[j].length;
                j++;
            }
            if (j - i >= 2) {
                out.add(aggregate(nals, i, j, size));
                i = j;
            } else if (nals[i].length <= maxPayload) {
                out.add(nals[i].clone());
                i++;
            } else {
                fragment(nals[i], out);
                i++;
            }
        }
        return out;
    }

    private static byte[] aggregate(byte[][] nals, int from, int to, int size) {
        byte[] p = new byte[size];
        int f = 0;
        int layer = 63;
        int tid = 7;
        for (int k = from; k < to; k++) {
            f |= nals[k][0] & 0x80;
            layer = Math.min(layer, ((nals[k][0] & 0x01) << 5) | ((nals[k][1] & 0xff) >> 3));
            tid = Math.min(tid, nals[k][1] & 0x07);
        }
        p[0] = (byte) (f | (H265NalType.AP << 1) | (layer >> 5));
        p[1] = (byte) (((layer & 0x1f) << 3) | tid);
        int pos = 2;
        for (int k = from; k < to; k++) {
            int n = nals[k].length;
            p[pos++] = (byte) (n >> 8);
            p[pos++] = (byte) n;
            System.arraycopy(nals[k], 0, p, pos, n);
            pos += n;
        }
        return p;
    }

    private void fragment(byte[] nal, List<byte[]> out) {
        byte header0 = (byte) ((nal[0] & 0x81) | (H265NalType.FU << 1));
        int type = H265NalType.of(nal[0]);
        int chunk = maxPayload - 3;
        for (int pos = 2; pos < nal.length; pos += chunk) {
            int n = Math.min(chunk, nal.length - pos);
            byte[] p = new byte[3 + n];
            p[0] = header0;
            p[1] = nal[1];
            p[2] = (byte) ((pos == 2 ? 0x80 : 0) | (pos + n == nal.length ? 0x40 : 0) | type);
            System.arraycopy(nal, pos, p, 3, n);
            out.add(p);
        }
    }
}
