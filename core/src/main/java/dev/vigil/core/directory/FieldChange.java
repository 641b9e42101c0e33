package dev.vigil.core.directory;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One changed value of a config version, by key path as config errors name it
 * ({@code analytics.rules[wrong-way].allowed}; list items by their id or name).
 *
 * @param path the key path; empty for the whole site or camera (created or deleted)
 * @param before the value before, or {@code null} if there was none
 * @param after the value after, or {@code null} if it was removed
 */
public record FieldChange(String path, JsonNode before, JsonNode after) {
    public FieldChange {
        Objects.requireNonNull(path, "path");
        if (before != null && before.isNull()) {
            before = null;
        }
        if (after != null && after.isNull()) {
            after = null;
        }
        if (before == null && after == null) {
            throw new IllegalArgumentException("a change of " + path + " needs a value before or after");
        }
    }
}
