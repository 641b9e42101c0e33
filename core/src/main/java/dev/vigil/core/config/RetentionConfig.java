package dev.vigil.core.config;

/**
 * Retention of recordings across all cameras, and of evidence exports. How long each camera keeps
 * its recordings is set by its kind (traffic 30 days, security 90, quarantine 14) or by
 * {@code cameras[].record.retentionDays}.
 *
 * @param budgetBytes the most bytes of recorded segments the catalog may hold; above it the
 *     oldest recordings not under legal hold are deleted first. Default 0: no budget.
 * @param exportDays how many days the files of a finished evidence export job (MP4 parts,
 *     manifest, signature in {@code objectStore.exportsBucket}) are kept after it finished; then
 *     retention deletes them and the job reads {@code expired}. 0..36500; default 30; 0 keeps
 *     them forever.
 */
public record RetentionConfig(Long budgetBytes, Integer exportDays) {
    /** The default of {@link #exportDays()}. */
    public static final int DEFAULT_EXPORT_DAYS = 30;

    public RetentionConfig {
        budgetBytes = ConfigDefaults.orDefault(budgetBytes, 0L);
        exportDays = ConfigDefaults.orDefault(exportDays, DEFAULT_EXPORT_DAYS);
    }

    static RetentionConfig defaults() {
        return new RetentionConfig(null, null);
    }

    /** Whether a storage budget is set. */
    public boolean hasBudget() {
        return budgetBytes > 0;
    }

    /** Whether finished exports' files expire (false when {@link #exportDays()} is 0: kept forever). */
    public boolean exportsExpire() {
        return exportDays > 0;
    }
}
