package dev.vigil.storage.object;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * An S3-compatible object store: buckets of objects addressed by key.
 *
 * <p>Every method fails with a {@link dev.vigil.core.error.VigilException} whose kind says what
 * happened: {@code NOT_FOUND} (no such bucket or key), {@code UNAVAILABLE} (the server cannot be
 * reached or answered 5xx; retry later), {@code DEADLINE_EXCEEDED} (it did not answer in time),
 * {@code UNAUTHENTICATED} / {@code PERMISSION_DENIED} (bad or insufficient credentials),
 * {@code INVALID_ARGUMENT} (bad name, range or metadata, or a stream shorter than its declared
 * size), {@code INTERNAL} (anything else). Messages name the bucket and key, never a secret.
 *
 * <p>Implementations are thread-safe. {@link #close()} releases the HTTP client; calls after it
 * fail with {@code FAILED_PRECONDITION}.
 */
public interface ObjectStore extends AutoCloseable {

    /** Creates the bucket unless it exists. Idempotent; safe to race with another node. */
    void ensureBucket(String bucket);

    /**
     * Stores an object, replacing any object under the same key. Implementations may upload large
     * objects in parts (multipart upload); the object appears only when all of it arrived.
     *
     * @param data exactly {@code size} bytes are read from it; it is not closed (the caller owns it)
     * @param size the number of bytes, at least 0
     * @param contentType e.g. {@code video/mp4}; {@code null} means {@code application/octet-stream}
     * @param userMetadata kept with the object and returned by {@link #stat}; keys are lower-cased
     *     tokens of {@code [a-z0-9-]}, values printable US-ASCII; together at most 2 KiB (S3's limit)
     * @return the object's entity tag, without quotes
     */
    String put(String bucket, String key, InputStream data, long size, String contentType,
            Map<String, String> userMetadata);

    /**
     * Opens the whole object for reading. The caller must close the stream; reading it can throw
     * {@link java.io.IOException} if the connection breaks midway.
     */
    InputStream get(String bucket, String key);

    /**
     * Opens part of the object for reading; see {@link #get(String, String)}. A range that starts
     * past the end fails with {@code INVALID_ARGUMENT}; one that runs past the end is cut short.
     */
    InputStream get(String bucket, String key, ByteRange range);

    /** Size, content type and user metadata of one object. */
    ObjectStat stat(String bucket, String key);

    /**
     * Objects whose key starts with {@code prefix} (all levels, not just one "directory"), in key
     * order, at most {@code limit} of them.
     *
     * @param prefix {@code ""} lists the whole bucket
     * @param limit at least 1
     */
    List<ObjectEntry> list(String bucket, String prefix, int limit);

    /** Removes an object. Removing a key that does not exist succeeds (as in S3). */
    void remove(String bucket, String key);

    /** Releases connections and threads. Idempotent. */
    @Override
    void close();
}
