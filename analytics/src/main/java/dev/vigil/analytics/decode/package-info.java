/**
 * Decoding for analytics: FFmpeg's H.264/H.265 decoders through bytedeco, fed with the access
 * units that ingest delivers (never a URL).
 *
 * <ul>
 *   <li>{@link dev.vigil.analytics.decode.CameraDecoder}: one camera's decoder (single-threaded,
 *       owns its native state), sampling to grey frames at the analysis size.
 *   <li>{@link dev.vigil.analytics.decode.DecodePool}: the bounded worker pool with one bounded
 *       queue per camera that drops to the next key frame when behind; never blocks ingest.
 *   <li>{@link dev.vigil.analytics.decode.DecodeListener} and its Prometheus implementation
 *       {@link dev.vigil.analytics.decode.DecodeMetrics}.
 *   <li>{@link dev.vigil.analytics.decode.ContainerDemuxer}: access units out of an MP4 file
 *       (tests, benchmarks, re-analysis of recordings).
 * </ul>
 */
package dev.vigil.analytics.decode;
