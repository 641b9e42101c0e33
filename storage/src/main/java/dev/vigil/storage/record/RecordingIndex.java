package dev.vigil.storage.record;

/**
 * Where an uploaded segment is recorded for search: the catalog. Implementations must be
 * idempotent on the object key, since a crash between the upload and the spool clean-up repeats
 * both.
 */
@FunctionalInterface
public interface RecordingIndex {
    /** Records that {@code segment} is stored as {@code bucket}/{@code objectKey}. */
    void add(SpooledSegment segment, String bucket, String objectKey);
}
