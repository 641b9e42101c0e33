package dev.vigil.core.playback;

import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.TimeRange;
import java.io.InputStream;
import java.time.Instant;

/**
 * One camera's recordings over a time range as one MP4 file that exists only as a plan: its size
 * and every byte are known without the file being written anywhere, and {@link #open} produces any
 * byte range of it by reading only the recorded bytes that range needs. This is what HTTP range
 * requests (a browser seeking) are served from.
 *
 * <p>The movie holds the first continuous run of recordings in the asked range (see
 * {@link PlaybackPart}); when it stops early at a gap or a change of parameter sets,
 * {@link #nextPart()} says where the next run starts. Media time {@code t} of the file shows the
 * picture recorded at wall-clock time {@link #start()} {@code + t}. Immutable and thread-safe.
 */
public interface PlaybackMovie {
    CameraId camera();

    /** The range asked for. */
    TimeRange asked();

    /** Wall-clock time of the first picture (media time 0): the last key frame at or before the asked start, or the first after it. */
    Instant start();

    /** Wall-clock time where the last picture ends: the movie lasts {@code end - start}. */
    Instant end();

    /** Where the next run of recordings starts within the asked range, or {@code null} if this movie reaches its end. */
    Instant nextPart();

    /** Pictures in the movie. */
    int pictures();

    /** The file's size in bytes. */
    long size();

    /** The MIME type, e.g. {@code video/mp4}. */
    String contentType();

    /**
     * A strong entity tag for HTTP: the same for the same camera, range and source objects, so a
     * player's later range requests can check that they read the same file.
     */
    String etag();

    /**
     * Opens bytes {@code [offset, offset + length)} of the file. Source objects are opened one after
     * the other as the stream reaches them; the caller must close the stream. Reading may throw
     * {@link java.io.IOException} when the object store fails or an object turns out shorter than
     * the catalog says.
     *
     * @param offset 0 to {@link #size()} - 1
     * @param length 1 to {@code size() - offset}
     */
    InputStream open(long offset, long length);
}
