package dev.vigil.storage.catalog;

/** Why retention deleted an item; logged with it and counted by label. */
public enum DeletionReason {
    /** Older than its camera's retention. */
    EXPIRED("expired"),
    /** Among the oldest while the catalog held more than the storage budget. */
    BUDGET("budget");

    private final String label;

    DeletionReason(String label) {
        this.label = label;
    }

    /** The lower-case name used in the deletion log and as the metric label {@code reason}. */
    public String label() {
        return label;
    }
}
