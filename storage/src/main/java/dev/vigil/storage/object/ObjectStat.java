package dev.vigil.storage.object;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the store knows about one object.
 *
 * @param bucket the bucket
 * @param key the object key
 * @param size size in bytes
 * @param contentType the content type given at put time ({@code application/octet-stream} if none)
 * @param etag the entity tag without quotes (an MD5 only for single-part uploads)
 * @param lastModified when the object was written, as the server reports it (second precision)
 * @param userMetadata the user metadata given at put time, keys in lower case
 */
public record ObjectStat(
        String bucket,
        String key,
        long size,
        String contentType,
        String etag,
        Instant lastModified,
        Map<String, String> userMetadata) {

    public ObjectStat {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        userMetadata = Map.copyOf(userMetadata);
    }
}
