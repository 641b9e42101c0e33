package dev.vigil.storage.catalog;

import java.util.Objects;

/**
 * The outcome of an idempotent insert.
 *
 * @param row the stored row: the new one, or the one that was there already with the same contents
 * @param created whether this call created it ({@code false} for a repeat, e.g. after a crash
 *     between upload and catalog insert)
 * @param <T> the row type
 */
public record Inserted<T>(T row, boolean created) {
    public Inserted {
        Objects.requireNonNull(row, "row");
    }
}
