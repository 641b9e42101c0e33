package dev.vigil.ingest.rtsp;

import dev.vigil.core.error.VigilException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits one RTSP TCP stream into {@link InterleavedFrame}s ({@code $}, channel, 16-bit length,
 * payload; RFC 2326 section 10.12) and {@link RtspMessage}s (head parsed by {@link RtspParser},
 * body by {@code Content-Length}). Used by the client and by the simulated camera server alike.
 *
 * <p>Output: {@link InterleavedFrame} (the receiver owns and releases it), {@link RtspRequest},
 * {@link RtspResponse}, or once, {@link RtspDecodeFailure}, after which all input is discarded
 * (the stream cannot be re-synchronised reliably; the owner closes the connection). Never throws
 * for bad input.
 *
 * <p>Why not Netty's {@code RtspDecoder}: it reads a {@code $} frame as a bogus request, and to tell
 * a frame from a {@code $} inside a message body the demuxer must read {@code Content-Length}
 * anyway; parsing the head twice buys nothing.
 *
 * <p>Quirks: frames arrive before the PLAY response and between requests (quirk 7, Reolink,
 * v4l2rtspserver) and are emitted in stream order; stray CR/LF between messages is skipped.
 * Limits are in {@link Limits}.
 */
public final class InterleavedFrameDecoder extends ByteToMessageDecoder {

    /**
     * @param maxHeadBytes largest message head (start line and headers); default 64 KiB (quirk 41:
     *     no small fixed buffers, but a bound)
     * @param maxBodyBytes largest message body; default 1 MiB
     */
    public record Limits(int maxHeadBytes, int maxBodyBytes) {
        public Limits {
            if (maxHeadBytes < 256) {
                throw new IllegalArgumentException("maxHeadBytes must be >= 256, was " + maxHeadBytes);
            }
            if (maxBodyBytes < 0) {
                throw new IllegalArgumentException("maxBodyBytes must be >= 0, was " + maxBodyBytes);
            }
        }

        public static Limits defaults() {
            return new Limits(64 * 1024, 1024 * 1024);
        }
    }

    private enum State { BOUNDARY, FRAME_PAYLOAD, MESSAGE_HEAD, MESSAGE_BODY, BAD_INPUT }

    private final Limits limits;
    private State state = State.BOUNDARY;
    private long streamOffset;
    private int frameChannel;
    private int frameLength;
    private int headScanned;
    private RtspMessage pending;
    private int bodyLength;

    public InterleavedFrameDecoder() {
        this(Limits.defaults());
    }

    public InterleavedFrameDecoder(Limits limits) {
        this.limits = limits;
    }

    /** Bytes of the stream consumed so far (frames and messages), for error reports. */
    public long streamOffset() {
        return streamOffset;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case BOUNDARY -> {
                    if (!in.isReadable()) {
                        return;
                    }
                    byte b = in.getByte(in.readerIndex());
                    if (b == '$') {
                        if (in.readableBytes() < 4) {
                            return;
                        }
                        in.skipBytes(1);
                        frameChannel = in.readUnsignedByte();
                        frameLength = in.readUnsignedShort();
                        streamOffset += 4;
                        state = State.FRAME_PAYLOAD;
                    } else if (b == '\r' || b == '\n') {
                        in.skipBytes(1);
                        streamOffset++;
                    } else if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z')) {
                        headScanned = 0;
                        state = State.MESSAGE_HEAD;
                    } else {
                        fail(in, out, "unexpected byte 0x" + Integer.toHexString(b & 0xff)
                                + " where an RTSP message or a $ frame should start");
                        return;
                    }
                }
                case FRAME_PAYLOAD -> {
                    if (in.readableBytes() < frameLength) {
                        return;
                    }
                    out.add(new InterleavedFrame(frameChannel, in.readRetainedSlice(frameLength)));
                    streamOffset += frameLength;
                    state = State.BOUNDARY;
                }
                case MESSAGE_HEAD -> {
                    int headLength = findHeadEnd(in);
                    if (headLength < 0) {
                        if (in.readableBytes() > limits.maxHeadBytes()) {
                            fail(in, out, "RTSP message head over " + limits.maxHeadBytes() + " bytes", "rtsp_head_bytes");
                        }
                        return;
                    }
                    String head = in.toString(in.readerIndex(), headLength, StandardCharsets.ISO_8859_1);
                    try {
                        pending = RtspParser.parseHead(head);
                    } catch (VigilException e) {
                        fail(in, out, e.getMessage());
                        return;
                    }
                    try {
                        bodyLength = RtspParser.contentLength(pending.headers(), limits.maxBodyBytes());
                    } catch (VigilException e) {
                        fail(in, out, e.getMessage(), "rtsp_body_bytes");
                        return;
                    }
                    in.skipBytes(headLength);
                    streamOffset += headLength;
                    state = State.MESSAGE_BODY;
                }
                case MESSAGE_BODY -> {
                    if (in.readableBytes() < bodyLength) {
                        return;
                    }
                    byte[] body = new byte[bodyLength];
                    in.readBytes(body);
                    streamOffset += bodyLength;
                    out.add(bodyLength == 0 ? pending : pending.withBody(body));
                    pending = null;
                    state = State.BOUNDARY;
                }
                case BAD_INPUT -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
            }
        }
    }

    /** Length of the head including its terminating empty line, or -1 if not all here yet. */
    private int findHeadEnd(ByteBuf in) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int limit = Math.min(end, start + limits.maxHeadBytes());
        for (int i = start + Math.max(0, headScanned - 3); i < limit; i++) {
            if (in.getByte(i) != '\n') {
                continue;
            }
            // "\n\n" or "\n\r\n"
            if (i + 1 < end && in.getByte(i + 1) == '\n') {
                return i + 2 - start;
            }
            if (i + 2 < end && in.getByte(i + 1) == '\r' && in.getByte(i + 2) == '\n') {
                return i + 3 - start;
            }
        }
        headScanned = limit - start;
        return -1;
    }

    private void fail(ByteBuf in, List<Object> out, String reason) {
        fail(in, out, reason, null);
    }

    private void fail(ByteBuf in, List<Object> out, String reason, String limit) {
        out.add(new RtspDecodeFailure(reason, streamOffset, limit));
        state = State.BAD_INPUT;
        in.skipBytes(in.readableBytes());
    }
}
