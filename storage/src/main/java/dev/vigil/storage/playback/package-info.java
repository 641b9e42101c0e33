/**
 * Playback: a camera's recorded fMP4 segments over a time range served as one plain MP4 whose
 * bytes are stitched on demand from ranged reads of the segments
 * ({@link dev.vigil.storage.playback.SegmentPlayback}).
 */
package dev.vigil.storage.playback;
