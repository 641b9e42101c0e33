package dev.vigil.ingest.rtsp;

/** An RTSP request or response (RFC 2326 section 4). */
public sealed interface RtspMessage permits RtspRequest, RtspResponse {
    RtspHeaders headers();

    /** The body; empty when there is none. Never mutated. */
    byte[] body();

    /** The same message with {@code body}. */
    RtspMessage withBody(byte[] body);
}
