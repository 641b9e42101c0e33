package dev.vigil.storage.object;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An object store in memory, for unit tests only (the real one is tested against the embedded S3
 * server in app): objects by {@code bucket/key}, gets counted, removals that can be made to fail.
 */
public final class MemoryObjectStore implements ObjectStore {
    /** Object bodies by {@code "bucket/key"}. */
    public final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    /** Keys whose removal fails with this kind; absent means it works. */
    public final Map<String, ErrorKind> failRemove = new ConcurrentHashMap<>();
    /** Whole-object gets so far. */
    public final AtomicInteger gets = new AtomicInteger();
    /** Ranged gets so far. */
    public final AtomicInteger rangedGets = new AtomicInteger();
    private final Set<String> buckets = ConcurrentHashMap.newKeySet();

    @Override
    public void ensureBucket(String bucket) {
        buckets.add(bucket);
    }

    @Override
    public String put(String bucket, String key, InputStream data, long size, String contentType,
            Map<String, String> userMetadata) {
        requireBucket(bucket);
        try {
            objects.put(bucket + "/" + key, data.readNBytes((int) size));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "etag";
    }

    /** Stores an empty object. */
    public void add(String bucket, String key) {
        requireBucket(bucket);
        objects.put(bucket + "/" + key, new byte[0]);
    }

    public boolean has(String bucket, String key) {
        return objects.containsKey(bucket + "/" + key);
    }

    @Override
    public InputStream get(String bucket, String key) {
        byte[] body = objects.get(bucket + "/" + key);
        if (body == null) {
            throw new VigilException(ErrorKind.NOT_FOUND, "memory store: no object " + bucket + "/" + key);
        }
        gets.incrementAndGet();
        return new ByteArrayInputStream(body);
    }

    /** As S3: a range starting past the end is INVALID_ARGUMENT, one running past it is cut short. */
    @Override
    public InputStream get(String bucket, String key, ByteRange range) {
        byte[] body = objects.get(bucket + "/" + key);
        if (body == null) {
            throw new VigilException(ErrorKind.NOT_FOUND, "memory store: no object " + bucket + "/" + key);
        }
        if (range.offset() >= body.length) {
            throw new VigilException(ErrorKind.INVALID_ARGUMENT, "memory store: " + range + " starts past the end of "
                    + bucket + "/" + key + " (" + body.length + " bytes)");
        }
        rangedGets.incrementAndGet();
        long end = range.toEnd() ? body.length : Math.min(body.length, range.offset() + range.length());
        return new ByteArrayInputStream(body, (int) range.offset(), (int) (end - range.offset()));
    }

    @Override
    public ObjectStat stat(String bucket, String key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ObjectEntry> list(String bucket, String prefix, int limit) {
        requireBucket(bucket);
        String start = bucket + "/";
        return objects.entrySet().stream().filter(e -> e.getKey().startsWith(start + prefix))
                .map(e -> new ObjectEntry(e.getKey().substring(start.length()), e.getValue().length,
                        java.time.Instant.EPOCH, "etag"))
                .sorted(java.util.Comparator.comparing(ObjectEntry::key)).limit(limit).toList();
    }

    @Override
    public void remove(String bucket, String key) {
        ErrorKind failure = failRemove.get(key);
        if (failure != null) {
            throw new VigilException(failure, "memory store: remove " + bucket + "/" + key + " fails");
        }
        requireBucket(bucket);
        objects.remove(bucket + "/" + key);
    }

    private void requireBucket(String bucket) {
        if (!buckets.contains(bucket)) {
            throw new VigilException(ErrorKind.NOT_FOUND, "memory store: no bucket " + bucket);
        }
    }

    @Override
    public void close() {}
}
