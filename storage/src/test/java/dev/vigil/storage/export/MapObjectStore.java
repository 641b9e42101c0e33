package dev.vigil.storage.export;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.storage.object.ByteRange;
import dev.vigil.storage.object.ObjectEntry;
import dev.vigil.storage.object.ObjectStat;
import dev.vigil.storage.object.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An object store in a map ("bucket/key" to bytes), for the export's unit tests; counts gets. */
final class MapObjectStore implements ObjectStore {
    final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    final AtomicInteger gets = new AtomicInteger();

    @Override
    public void ensureBucket(String bucket) {}

    @Override
    public String put(String bucket, String key, InputStream data, long size, String contentType,
            Map<String, String> userMetadata) {
        try {
            objects.put(bucket + "/" + key, data.readNBytes((int) size));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "etag";
    }

    @Override
    public InputStream get(String bucket, String key) {
        byte[] body = objects.get(bucket + "/" + key);
        if (body == null) {
            throw new VigilException(ErrorKind.NOT_FOUND, "map store: no object " + bucket + "/" + key);
        }
        gets.incrementAndGet();
        return new ByteArrayInputStream(body);
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
        objects.remove(bucket + "/" + key);
    }

    @Override
    public void close() {}
}
