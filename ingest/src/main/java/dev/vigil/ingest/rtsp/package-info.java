/**
 * RTSP 1.0 (RFC 2326): pure message, header and authentication parsing ({@code RtspParser},
 * {@code TransportHeader}, {@code SessionHeader}, {@code Authenticator}, {@code RtspUrl}), the
 * Netty demuxer of interleaved frames and messages ({@code InterleavedFrameDecoder}), and the
 * client session state machine ({@code RtspClientSession}) that the supervisor runs.
 */
package dev.vigil.ingest.rtsp;
