package dev.vigil.ingest.rtp;

import java.util.ArrayList;
import java.util.List;

/**
 * What RFC 6184 (H.264) and RFC 7798 (H.265) packetization have in common: consecutive NAL units
 * that fit together go into one aggregation packet (a payload header, then a 16-bit size before
 * each unit); a unit larger than the payload limit is cut into fragmentation units (a payload
 * header, an FU header with start/end bits and the unit's type, then a slice of its payload);
 * anything else travels as a single NAL unit packet. The codec subclasses supply the headers.
 * Pure and stateless: RTP headers are the caller's.
 */
public abstract class NalPacketizer {
    /** Default payload limit: a 1500-byte Ethernet MTU less IP, UDP and RTP headers, with room. */
    public static final int DEFAULT_MAX_PAYLOAD = 1400;

    private final int maxPayload;
    private final int headerBytes;

    /**
     * @param maxPayload largest RTP payload, 64 to 65000 bytes
     * @param headerBytes the codec's NAL unit header size: 1 (H.264) or 2 (H.265)
     */
    protected NalPacketizer(int maxPayload, int headerBytes) {
        if (maxPayload < 64 || maxPayload > 65_000) {
            throw new IllegalArgumentException("maxPayload must be in [64, 65000], was " + maxPayload);
        }
        this.maxPayload = maxPayload;
        this.headerBytes = headerBytes;
    }

    /** The payloads of one access unit, in sending order; the last one gets the marker bit. */
    public List<byte[]> packetize(byte[][] nals) {
        checkNals(nals);
        List<byte[]> out = new ArrayList<>();
        int i = 0;
        while (i < nals.length) {
            // How many of the following NAL units fit in one aggregation packet?
            int size = headerBytes;
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

    /** Rejects NAL units the codec cannot carry; by default none. */
    protected void checkNals(byte[][] nals) {}

    /** Writes the aggregation packet's payload header ({@code headerBytes} bytes) for units {@code from..to-1}. */
    protected abstract void writeAggregationHeader(byte[][] nals, int from, int to, byte[] packet);

    /** The payload header of the fragmentation units of {@code nal} ({@code headerBytes} bytes). */
    protected abstract byte[] fragmentationHeader(byte[] nal);

    /** The NAL unit type that the FU header carries. */
    protected abstract int type(byte[] nal);

    private byte[] aggregate(byte[][] nals, int from, int to, int size) {
        byte[] p = new byte[size];
        writeAggregationHeader(nals, from, to, p);
        int pos = headerBytes;
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
        byte[] header = fragmentationHeader(nal);
        int type = type(nal);
        int chunk = maxPayload - headerBytes - 1;
        for (int pos = headerBytes; pos < nal.length; pos += chunk) {
            int n = Math.min(chunk, nal.length - pos);
            byte[] p = new byte[headerBytes + 1 + n];
            System.arraycopy(header, 0, p, 0, headerBytes);
            p[headerBytes] = (byte) ((pos == headerBytes ? 0x80 : 0) | (pos + n == nal.length ? 0x40 : 0) | type);
            System.arraycopy(nal, pos, p, headerBytes + 1, n);
            out.add(p);
        }
    }
}
