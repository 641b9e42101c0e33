package dev.vigil.storage.catalog;

import java.util.Objects;

/**
 * An alert as the catalog holds it.
 *
 * @param entry the alert, its source and its clip's progress; {@code entry.alert()} is decoded
 *     from {@code message} with the clip and end known since
 * @param message the last message published, as JSON (schema {@code vigil.alerts.v1})
 * @param handling the operators' state
 */
public record AlertRow(AlertEntry entry, String message, AlertHandling handling) {
    public AlertRow {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(handling, "handling");
    }
}
