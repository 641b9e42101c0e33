/**
 * Playback of recorded video: a camera's recordings over a range as an MP4 planned from the
 * catalog and the segments' indexes and produced on demand, byte range by byte range
 * ({@link dev.vigil.core.playback.PlaybackMovie}), and the continuous parts a range holds.
 */
package dev.vigil.core.playback;
