package dev.vigil.core.port;

import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * The stored snapshots and clips of alerts (the object store implements it). Thread-safe; may
 * block. Failures are {@link dev.vigil.core.error.VigilException}s (UNAVAILABLE when the store
 * cannot be reached).
 */
public interface AlertMedia {
    /** A stored object: its size and type, and its bytes by range. */
    interface StoredObject {
        long size();

        String contentType();

        /** The store's entity tag (quotes not included), or {@code null}. */
        String etag();

        Instant lastModified();

        /** Bytes {@code [offset, offset + length)}; the caller closes the stream. */
        InputStream open(long offset, long length);
    }

    /** The snapshot under {@code key} in the snapshots bucket, if it is there. */
    Optional<StoredObject> snapshot(String key);

    /** The clip under {@code key} in the clips bucket, if it is there. */
    Optional<StoredObject> clip(String key);
}
