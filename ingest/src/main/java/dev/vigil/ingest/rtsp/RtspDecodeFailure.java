package dev.vigil.ingest.rtsp;

import java.util.Objects;

/**
 * What {@link InterleavedFrameDecoder} emits instead of throwing when the byte stream cannot be
 * framed: after it, the decoder discards everything, and the connection should be closed.
 *
 * @param reason what was wrong, with sizes and values
 * @param streamOffset the offset in the TCP stream where the bad input starts
 */
public record RtspDecodeFailure(String reason, long streamOffset) {
    public RtspDecodeFailure {
        Objects.requireNonNull(reason, "reason");
        if (streamOffset < 0) {
            throw new IllegalArgumentException("streamOffset must be >= 0, was " + streamOffset);
        }
    }
}
