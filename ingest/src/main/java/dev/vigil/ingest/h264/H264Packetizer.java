package dev.vigil.ingest.h264;

import java.util.ArrayList;
import java.util.List;

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
public final class H264Packetizer {
    /** Default payload limit: a 1500-byte Ethernet MTU less IP, UDP and RTP headers, with room. */
    public static final int DEFAULT_MAX_PAYLOAD = 1400;

    private final int maxPayload;

    /** @param maxPayload largest RTP payload, 64 to 65000 bytes */
    public H264Packetizer(int maxPayload) {
        if (maxPayload < 64 || maxPayload > 65_000) {
            throw new IllegalArgumentException("maxPayload must be in [64, 65000], was " + maxPayload);
        }
        this.maxPayload = maxPayload;
    }

    /** The payloads of one access unit, in sending order; the last one gets the marker bit. */
    public List<byte[]> packetize(byte[][] nals) {
        List<byte[]> out = new ArrayList<>();
        int i = 0;
        while (i < nals.length) {
            // How many of the following NAL units fit in one STAP-A (1 header byte + 2-byte sizes)?
            int size = 1;
            int j = i;
            while (j < nals.length && size + 2 + nals[j].length <= maxPayload) {
                size += 2 + nals[j].length;
                j++;
            }
            if (j - i >= 2) {
                out.add(stapA(nals, i, j, size));
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

    private static byte[] stapA(byte[][] nals, int from, int to, int size) {
        byte[] p = new byte[size];
        int nri = 0;
        int f = 0;
        for (int k = from; k < to; k++) {
            nri = Math.max(nri, nals[k][0] & 0x60);
            f |= nals[k][0] & 0x80;
        }
        p[0] = (byte) (f | nri | NalType.STAP_A);
        int pos = 1;
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
        byte indicator = (byte) ((nal[0] & 0xe0) | NalType.FU_A);
        int type = nal[0] & 0x1f;
        int chunk = maxPayload - 2;
        for (int pos = 1; pos < nal.length; pos += chunk) {
            int n = Math.min(chunk, nal.length - pos);
            byte[] p = new byte[2 + n];
            p[0] = indicator;
            p[1] = (byte) ((pos == 1 ? 0x80 : 0) | (pos + n == nal.length ? 0x40 : 0) | type);
            System.arraycopy(nal, pos, p, 2, n);
            out.add(p);
        }
    }
}
