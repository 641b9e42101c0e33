package dev.vigil.ingest.rtp;

import dev.vigil.core.error.VigilException;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * One RTP packet (RFC 3550 section 5.1), with the payload copied out of the wire buffer.
 *
 * @param payloadType 0 to 127
 * @param marker the M bit
 * @param sequence 16-bit sequence number, 0 to 65535
 * @param timestamp 32-bit media timestamp as an unsigned value, 0 to 2^32-1
 * @param ssrc synchronization source as an unsigned value
 * @param payload the payload, CSRC list, header extension and padding removed; never mutated
 */
public record RtpPacket(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] payload) {
    /** Length of the fixed header. */
    public static final int HEADER_LENGTH = 12;

    public RtpPacket {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be in [0, 127], was " + payloadType);
        }
        if (sequence < 0 || sequence > 0xffff) {
            throw new IllegalArgumentException("sequence must be in [0, 65535], was " + sequence);
        }
        if (timestamp < 0 || timestamp > 0xffffffffL) {
            throw new IllegalArgumentException("timestamp must be an unsigned 32-bit value, was " + timestamp);
        }
        if (ssrc < 0 || ssrc > 0xffffffffL) {
            throw new IllegalArgumentException("ssrc must be an unsigned 32-bit value, was " + ssrc);
        }
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * Parses the readable bytes of {@code buf} as one RTP packet. Borrows {@code buf}: neither its
     * reader index nor its reference count changes.
     *
     * @throws VigilException INVALID_ARGUMENT naming the size and field that is wrong
     */
    public static RtpPacket parse(ByteBuf buf) {
        int start = buf.readerIndex();
        int length = buf.readableBytes();
        if (length < HEADER_LENGTH) {
            throw VigilException.invalid("RTP packet of " + length + " bytes is shorter than the 12-byte header");
        }
        int b0 = buf.getUnsignedByte(start);
        int version = b0 >> 6;
        if (version != 2) {
            throw VigilException.invalid("RTP version " + version + " (first byte 0x" + Integer.toHexString(b0)
                    + "), expected 2; packet of " + length + " bytes");
        }
        boolean padding = (b0 & 0x20) != 0;
        boolean extension = (b0 & 0x10) != 0;
        int csrcCount = b0 & 0x0f;
        int b1 = buf.getUnsignedByte(start + 1);
        int offset = HEADER_LENGTH + 4 * csrcCount;
        if (offset > length) {
            throw VigilException.invalid("RTP packet of " + length + " bytes cannot hold " + csrcCount + " CSRCs");
        }
        if (extension) {
            if (offset + 4 > length) {
                throw VigilException.invalid("RTP packet of " + length + " bytes truncates its header extension");
            }
            int words = buf.getUnsignedShort(start + offset + 2);
            offset += 4 + 4 * words;
            if (offset > length) {
                throw VigilException.invalid("RTP header extension of " + words + " words overruns a packet of "
                        + length + " bytes");
            }
        }
        int end = length;
        if (padding) {
            int pad = buf.getUnsignedByte(start + length - 1);
            if (pad == 0 || offset + pad > length) {
                throw VigilException.invalid("RTP padding of " + pad + " bytes is invalid in a packet of " + length
                        + " bytes with a " + offset + "-byte header");
            }
            end -= pad;
        }
        byte[] payload = new byte[end - offset];
        buf.getBytes(start + offset, payload);
        return new RtpPacket(b1 & 0x7f, (b1 & 0x80) != 0, buf.getUnsignedShort(start + 2),
                buf.getUnsignedInt(start + 4), buf.getUnsignedInt(start + 8), payload);
    }

    /**
     * Writes a 12-byte RTP header (version 2, no padding, extension or CSRC) to {@code out}.
     * Borrows {@code out}.
     */
    public static void writeHeader(ByteBuf out, int payloadType, boolean marker, int sequence, long timestamp,
            long ssrc) {
        out.writeByte(0x80);
        out.writeByte((marker ? 0x80 : 0) | (payloadType & 0x7f));
        out.writeShort(sequence);
        out.writeInt((int) timestamp);
        out.writeInt((int) ssrc);
    }

    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType + (marker ? " M" : "") + " seq=" + sequence + " ts=" + timestamp
                + " ssrc=" + Long.toHexString(ssrc) + " " + payload.length + "B]";
    }
}
