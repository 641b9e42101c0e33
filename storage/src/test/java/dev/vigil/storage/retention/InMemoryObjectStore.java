package dev.vigil.storage.retention;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.storage.object.ByteRange;
import dev.vigil.storage.object.ObjectEntry;
import dev.vigil.storage.object.ObjectStat;
import dev.vigil.storage.object.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An object store in a map, for the worker's unit tests only (the real one is tested against the
 * embedded S3 server in app): keys per bucket, and removals that can be made to fail.
 */
final class InMemoryObjectStore implements ObjectStore {
    final Map<String, Set<String>> buckets = new ConcurrentHashMap<>();
    /** Keys whose removal fails with this kind; absent means it works. */
    final Map<String, ErrorKind> failRemove = new ConcurrentHashMap<>();

    @Override
    public void ensureBucket(String bucket) {
        buckets.computeIfAbsent(bucket, b -> ConcurrentHashMap.newKeySet());
    }

    @Override
    public String put(String bucket, String key, InputStream data, long size, String contentType,
            Map<String, String> userMetadata) {
        try {
            data.readNBytes((int) size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bucket(bucket).add(key);
        return "etag";
    }

    boolean has(String bucket, String key) {
        return buckets.getOrDefault(bucket, Set.of()).contains(key);
    }

    @Override
    public InputStream get(String bucket, String key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public InputStream get(String bucket, String key, ByteRange range) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ObjectStat stat(String bucket, String key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ObjectEntry> list(String bucket, String prefix, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void remove(String bucket, String key) {
        ErrorKind failure = failRemove.get(key);
        if (failure != null) {
            throw new VigilException(failure, "in-memory store: remove " + bucket + "/" + key + " fails");
        }
        bucket(bucket).remove(key);
    }

    private Set<String> bucket(String bucket) {
        Set<String> keys = buckets.get(bucket);
        if (keys == null) {
            throw new VigilException(ErrorKind.NOT_FOUND, "in-memory store: no bucket " + bucket);
        }
        return keys;
    }

    @Override
    public void close() {}
}
