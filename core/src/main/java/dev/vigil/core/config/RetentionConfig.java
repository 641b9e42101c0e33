package dev.vigil.core.config;

/**
 * Retention of recordings across all cameras. How long each camera keeps its recordings is set by
 * its kind (traffic 30 days, security 90, quarantine 14) or by {@code cameras[].record.retentionDays}.
 *
 * @param budgetBytes the most bytes of recorded segments the catalog may hold; above it the
 *     oldest recordings not under legal hold are deleted first. Default 0: no budget.
 */
public record RetentionConfig(Long budgetBytes) {
    public RetentionConfig {
        budgetBytes = ConfigDefaults.orDefault(budgetBytes, 0L);
    }

    static RetentionConfig defaults() {
        return new RetentionConfig(null);
    }

    /** Whether a storage budget is set. */
    public boolean hasBudget() {
        return budgetBytes > 0;
    }
}
