package dev.vigil.ingest.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One {@code $}-framed interleaved packet from an RTSP TCP connection (RFC 2326 section 10.12):
 * a channel number and the RTP or RTCP packet it carries.
 *
 * <p>Ownership: this holder owns {@link #content()} (reference count 1 when the decoder emits it);
 * whoever handles the frame last releases it.
 */
public final class InterleavedFrame extends DefaultByteBufHolder {
    private final int channel;

    /** @param channel 0 to 255; takes ownership of {@code content} */
    public InterleavedFrame(int channel, ByteBuf content) {
        super(content);
        if (channel < 0 || channel > 255) {
            throw new IllegalArgumentException("interleaved channel must be in [0, 255], was " + channel);
        }
        this.channel = channel;
    }

    public int channel() {
        return channel;
    }

    @Override
    public InterleavedFrame replace(ByteBuf content) {
        return new InterleavedFrame(channel, content);
    }

    @Override
    public InterleavedFrame copy() {
        return replace(content().copy());
    }

    @Override
    public InterleavedFrame duplicate() {
        return replace(content().duplicate());
    }

    @Override
    public InterleavedFrame retainedDuplicate() {
        return replace(content().retainedDuplicate());
    }

    @Override
    public InterleavedFrame retain() {
        super.retain();
        return this;
    }

    @Override
    public InterleavedFrame retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public InterleavedFrame touch() {
        super.touch();
        return this;
    }

    @Override
    public InterleavedFrame touch(Object hint) {
        super.touch(hint);
        return this;
    }

    /** Writes the 4-byte frame header ({@code $}, channel, 16-bit length) to {@code out}; borrows it. */
    public static void writeHeader(ByteBuf out, int channel, int length) {
        if (length > 0xffff) {
            throw new IllegalArgumentException("interleaved frame of " + length + " bytes is over 65535");
        }
        out.writeByte('$');
        out.writeByte(channel);
        out.writeShort(length);
    }

    @Override
    public String toString() {
        return "InterleavedFrame[channel=" + channel + ", " + content().readableBytes() + "B]";
    }
}
