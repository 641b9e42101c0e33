package dev.vigil.core.port;

import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.TimeRange;
import dev.vigil.core.playback.PlaybackMovie;
import dev.vigil.core.playback.PlaybackPart;
import java.time.Duration;
import java.util.List;

/**
 * Plays back a camera's recordings (storage implements it; the API's playback routes call it).
 * Thread-safe. Failures are {@link dev.vigil.core.error.VigilException}s: {@code NOT_FOUND} when
 * the camera has no recording in the range, {@code INVALID_ARGUMENT} for a range that is empty or
 * longer than {@link #MAX_RANGE}, {@code DATA_LOSS} when a catalogued segment is missing or
 * malformed, {@code UNAVAILABLE} when the catalog or the object store cannot be reached.
 */
public interface RecordingPlayback {
    /** The longest range one movie or listing covers. */
    Duration MAX_RANGE = Duration.ofHours(2);

    /** The movie of the first continuous run of recordings in {@code range}. */
    PlaybackMovie movie(CameraId camera, TimeRange range);

    /** Every continuous run of recordings in {@code range}, in order; empty when there is none. */
    List<PlaybackPart> parts(CameraId camera, TimeRange range);
}
