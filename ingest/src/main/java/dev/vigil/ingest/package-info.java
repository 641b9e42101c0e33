/**
 * The RTSP/RTP gateway: it owns everything between a camera's socket and an immutable
 * {@code AccessUnit}. Pure parsers (RTSP messages, interleaved frames, SDP, RTP, H.264/H.265
 * depacketizers) never touch the network; the Netty client owns I/O and the per-camera state
 * machine; the supervisor reconnects with backoff and fans access units out without blocking an
 * event loop. It also holds the simulated cameras (an RTSP server for tests, load and the demo).
 * It never sees FFmpeg, S3 or Kafka.
 */
package dev.vigil.ingest;
