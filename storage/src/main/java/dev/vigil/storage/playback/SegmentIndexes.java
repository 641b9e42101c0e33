package dev.vigil.storage.playback;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.storage.catalog.Recording;
import dev.vigil.storage.mp4.Fmp4Index;
import dev.vigil.storage.mp4.Fmp4Reader;
import dev.vigil.storage.object.ByteRange;
import dev.vigil.storage.object.ObjectStore;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The indexes ({@link Fmp4Index}) and tracks of recorded segments, read from the object store
 * with ranged gets and kept in a least-recently-used cache: segments never change once
 * catalogued (a key names one object forever), so an entry stays valid while the catalog lists it.
 *
 * <p>Thread-safe. Several segments are read at once on the given executor. An object the catalog
 * lists but the store lacks is {@code DATA_LOSS}; other failures as {@link Fmp4Index#read}.
 */
final class SegmentIndexes {
    private final ObjectStore store;
    private final String bucket;
    private final Executor executor;
    private final Map<String, Fmp4Index> indexes;
    private final Map<String, Fmp4Reader.Track> tracks;

    /**
     * @param maxIndexes how many segment indexes to keep (about 30 KiB each for a minute at 25 fps)
     */
    SegmentIndexes(ObjectStore store, String bucket, Executor executor, int maxIndexes) {
        this.store = Objects.requireNonNull(store, "store");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.indexes = lru(maxIndexes);
        this.tracks = lru(maxIndexes * 8);
    }

    /** The indexes of {@code segments}, in the same order, read in parallel where not cached. */
    List<Fmp4Index> indexes(List<Recording> segments) {
        return all(segments, this::index);
    }

    /** The tracks of {@code segments}, in the same order: one small read each where not cached. */
    List<Fmp4Reader.Track> tracks(List<Recording> segments) {
        return all(segments, this::track);
    }

    Fmp4Index index(Recording segment) {
        String key = cacheKey(segment);
        synchronized (indexes) {
            Fmp4Index cached = indexes.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Fmp4Index index = Fmp4Index.read(source(segment), segment.bytes(), bucket + "/" + segment.objectKey());
        synchronized (indexes) {
            indexes.put(key, index);
        }
        return index;
    }

    Fmp4Reader.Track track(Recording segment) {
        String key = cacheKey(segment);
        synchronized (indexes) {
            Fmp4Index cached = indexes.get(key);
            if (cached != null) {
                return cached.track();
            }
        }
        synchronized (tracks) {
            Fmp4Reader.Track cached = tracks.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Fmp4Reader.Track track = Fmp4Index.readTrack(source(segment), segment.bytes(),
                bucket + "/" + segment.objectKey());
        synchronized (tracks) {
            tracks.put(key, track);
        }
        return track;
    }

    private <T> List<T> all(List<Recording> segments, Function<Recording, T> read) {
        List<CompletableFuture<T>> futures = new ArrayList<>(segments.size());
        for (Recording r : segments) {
            futures.add(CompletableFuture.supplyAsync(() -> read.apply(r), executor));
        }
        List<T> results = new ArrayList<>(segments.size());
        for (CompletableFuture<T> f : futures) {
            try {
                results.add(f.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
        return results;
    }

    private Fmp4Index.RangeSource source(Recording segment) {
        return (offset, length) -> {
            try (InputStream in = store.get(bucket, segment.objectKey(), ByteRange.of(offset, length))) {
                return in.readNBytes(length);
            } catch (VigilException e) {
                if (e.kind() == ErrorKind.NOT_FOUND) {
                    throw new VigilException(ErrorKind.DATA_LOSS, "object " + bucket + "/" + segment.objectKey()
                            + " (sha256 " + segment.sha256() + ") is in the catalog but missing from the store", e);
                }
                throw e;
            }
        };
    }

    private static String cacheKey(Recording segment) {
        return segment.objectKey() + "#" + segment.sha256();
    }

    private static <V> Map<String, V> lru(int max) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }
}
