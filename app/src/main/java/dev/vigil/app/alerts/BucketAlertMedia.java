package dev.vigil.app.alerts;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.port.AlertMedia;
import dev.vigil.storage.object.ByteRange;
import dev.vigil.storage.object.ObjectStat;
import dev.vigil.storage.object.ObjectStore;
import java.io.InputStream;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Alert snapshots and clips in the object store's snapshots and clips buckets, for the API: a stat
 * for size and type, then ranged gets. A key the store does not have is empty. Thread-safe.
 */
final class BucketAlertMedia implements AlertMedia {
    private final ObjectStore store;
    private final String snapshots;
    private final String clips;

    BucketAlertMedia(ObjectStore store, String snapshotsBucket, String clipsBucket) {
        this.store = Objects.requireNonNull(store, "store");
        this.snapshots = Objects.requireNonNull(snapshotsBucket, "snapshotsBucket");
        this.clips = Objects.requireNonNull(clipsBucket, "clipsBucket");
    }

    @Override
    public Optional<StoredObject> snapshot(String key) {
        return open(snapshots, key);
    }

    @Override
    public Optional<StoredObject> clip(String key) {
        return open(clips, key);
    }

    private Optional<StoredObject> open(String bucket, String key) {
        ObjectStat stat;
        try {
            stat = store.stat(bucket, key);
        } catch (VigilException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(new StoredObject() {
            @Override
            public long size() {
                return stat.size();
            }

            @Override
            public String contentType() {
                return stat.contentType();
            }

            @Override
            public String etag() {
                return stat.etag();
            }

            @Override
            public Instant lastModified() {
                return stat.lastModified();
            }

            @Override
            public InputStream open(long offset, long length) {
                return store.get(bucket, key, ByteRange.of(offset, length));
            }
        });
    }
}
