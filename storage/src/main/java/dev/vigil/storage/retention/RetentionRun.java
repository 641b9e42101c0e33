package dev.vigil.storage.retention;

/**
 * What one {@link RetentionWorker#runOnce()} did.
 *
 * @param expired items deleted because their retention had passed
 * @param budget recordings deleted to get under the storage budget
 * @param bytes bytes of the objects deleted
 * @param held items skipped because a legal hold was placed after they were selected
 * @param failures items whose deletion failed; their rows stay for the next run
 * @param finished false if the run stopped early: the object store or the catalog was
 *     unavailable, or the run reached its batch limit; the next run goes on
 * @param exportsExpired evidence export jobs whose files were deleted (marked expired)
 * @param exportBytes bytes of those files (not counted in {@code bytes})
 */
public record RetentionRun(int expired, int budget, long bytes, int held, int failures, boolean finished,
        int exportsExpired, long exportBytes) {
    /** A run that expired no evidence exports. */
    public RetentionRun(int expired, int budget, long bytes, int held, int failures, boolean finished) {
        this(expired, budget, bytes, held, failures, finished, 0, 0);
    }

    /** Items deleted, for any reason. */
    public int deleted() {
        return expired + budget;
    }
}
