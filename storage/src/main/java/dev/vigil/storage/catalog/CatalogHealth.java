package dev.vigil.storage.catalog;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one {@link Catalog#ping()}, for readiness checks.
 *
 * @param up whether a pooled connection answered in time
 * @param database what was pinged, without credentials, e.g. {@code H2 file /var/vigil/catalog/vigil}
 * @param latency how long the ping took (borrow plus validation)
 * @param problem why it is down; {@code null} when up
 */
public record CatalogHealth(boolean up, String database, Duration latency, String problem) {
    public CatalogHealth {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(latency, "latency");
        if (up != (problem == null)) {
            throw new IllegalArgumentException("a problem is given exactly when the catalog is down");
        }
    }
}
