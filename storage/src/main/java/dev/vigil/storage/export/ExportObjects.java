package dev.vigil.storage.export;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.export.ExportJob;
import dev.vigil.storage.object.ObjectEntry;
import dev.vigil.storage.object.ObjectStore;
import java.util.List;
import java.util.Objects;

/**
 * Where export jobs' files live in the exports bucket ({@code exports/<id>/<name>}), and their
 * removal, shared by the API's delete ({@link ExportJobRunner#delete}) and retention's expiry.
 *
 * <p>Contract of {@link #remove}: idempotent (a file already missing counts as removed, so a
 * removal that failed midway is finished by asking again); it removes the files the job lists and
 * then anything else stored under the job's prefix (a part left by an upload that failed midway).
 * A failure of the store propagates as its {@link VigilException} (UNAVAILABLE...), with some files
 * possibly gone already: callers mark the job removed only after this returned. Thread-safe.
 */
public final class ExportObjects {
    /** Most objects listed under one job's prefix; a job stores a few dozen at most. */
    static final int MAX_LISTED = 1000;

    private final ObjectStore store;
    private final String bucket;

    /**
     * @param store borrowed, not closed
     * @param bucket the exports bucket, e.g. {@code vigil-exports}
     */
    public ExportObjects(ObjectStore store, String bucket) {
        this.store = Objects.requireNonNull(store, "store");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    /** The key of a job's file in the bucket. */
    public static String key(String jobId, String name) {
        return prefix(jobId) + name;
    }

    /** The prefix of every key of a job. */
    static String prefix(String jobId) {
        return "exports/" + jobId + "/";
    }

    /** The bucket. */
    public String bucket() {
        return bucket;
    }

    /**
     * Removes every stored file of the job.
     *
     * @return the bytes removed (of the files the job lists, and of leftovers found under its prefix)
     */
    public long remove(ExportJob job) {
        long bytes = 0;
        for (var file : job.files()) {
            removeOne(key(job.id(), file.name()));
            bytes += file.bytes();
        }
        List<ObjectEntry> left;
        try {
            left = store.list(bucket, prefix(job.id()), MAX_LISTED);
        } catch (VigilException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                throw e;
            }
            left = List.of(); // no bucket: nothing stored
        }
        for (ObjectEntry entry : left) {
            removeOne(entry.key());
            if (job.file(entry.key().substring(prefix(job.id()).length())).isEmpty()) {
                bytes += entry.size();
            }
        }
        return bytes;
    }

    private void removeOne(String key) {
        try {
            store.remove(bucket, key);
        } catch (VigilException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                throw e;
            }
        }
    }
}
