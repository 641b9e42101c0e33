package dev.vigil.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * A body of known size that can be read from any offset: a stitched MP4, a stored object. Served
 * through {@link ApiResponse#resource} with full HTTP range support ({@code Range},
 * {@code If-Range}, 206, 416, {@code HEAD}) by the framework; see {@link ByteRanges}.
 *
 * <p>Threading: every method is called on an API worker thread and may block.
 */
public interface SizedResource {
    /** Total size in bytes. */
    long size();

    /** The media type, e.g. {@code video/mp4}. */
    String contentType();

    /**
     * A strong entity tag, quoted ({@code "sha256-ab12..."}), if the resource has one: lets
     * {@code If-Range} resume a download only when the bytes are the same. {@code null} if none.
     */
    default String etag() {
        return null;
    }

    /** When the resource last changed, or {@code null}. */
    default Instant lastModified() {
        return null;
    }

    /**
     * Opens the bytes {@code [offset, offset + length)}. The framework reads the stream to its end
     * or until the client goes away, then closes it.
     *
     * @param offset 0..size-1
     * @param length 1..size-offset
     */
    InputStream open(long offset, long length) throws IOException;
}
