package dev.vigil.ingest.rtsp;

import java.util.Objects;

/**
 * What {@link InterleavedFrameDecoder} emits instead of throwing when the byte stream cannot be
 * framed: after it, the decoder discards everything, and the connection should be closed.
 *
 * @param reason what was wrong, with sizes and values
 * @param streamOffset the offset in the TCP stream where the bad input starts
 * @param limit the limit that was exceeded ({@code rtsp_head_bytes}, {@code rtsp_body_bytes}), or
 *     {@code null} when the input was malformed rather than too large
 */
public record RtspDecodeFailure(String reason, long streamOffset, String limit) {
    /** A failure that is not a limit. */
    public RtspDecodeFailure(String reason, long streamOffset) {
        this(reason, streamOffset, null);
    }

    public RtspDecodeFailure {
        Objects.requireNonNull(reason, "reason");
        if (streamOffset < 0) {
            throw new IllegalArgumentException("streamOffset must be >= 0, was " + streamOffset);
        }
    }
}
