package dev.vigil.storage.catalog;

/** The kinds of catalog rows that name an object and that retention deletes. */
public enum ItemType {
    /** A recorded segment: table {@code recordings}, segments bucket. */
    RECORDING("recordings", "recording"),
    /** An event clip: table {@code clips}, clips bucket. */
    CLIP("clips", "clip");

    private final String table;
    private final String label;

    ItemType(String table, String label) {
        this.table = table;
        this.label = label;
    }

    /** The SQL table. */
    String table() {
        return table;
    }

    /** The lower-case name used in the deletion log, logs and metric labels. */
    public String label() {
        return label;
    }
}
