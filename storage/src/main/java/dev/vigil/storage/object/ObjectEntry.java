package dev.vigil.storage.object;

import java.time.Instant;
import java.util.Objects;

/**
 * One object of a listing.
 *
 * @param key the object key
 * @param size size in bytes
 * @param lastModified when the object was written (second precision)
 * @param etag the entity tag without quotes
 */
public record ObjectEntry(String key, long size, Instant lastModified, String etag) {
    public ObjectEntry {
        Objects.requireNonNull(key, "key");
    }
}
