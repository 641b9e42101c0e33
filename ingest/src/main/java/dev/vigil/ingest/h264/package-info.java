/**
 * H.264 over RTP (RFC 6184): the packetizer and the push/pull depacketizer, the SDP format
 * ({@code sprop-parameter-sets}, {@code profile-level-id}), Annex B splitting and a minimal SPS
 * parser. All pure.
 */
package dev.vigil.ingest.h264;
