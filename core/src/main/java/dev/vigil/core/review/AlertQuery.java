package dev.vigil.core.review;

import dev.vigil.core.access.SiteScope;
import dev.vigil.core.error.VigilException;
import java.util.Objects;

/**
 * One page of an alert listing.
 *
 * @param filter which alerts
 * @param scope the caller's sites: alerts elsewhere are never listed
 * @param after where the page starts, or {@code null} for the newest
 * @param limit 1 to {@value #MAX_LIMIT}
 */
public record AlertQuery(AlertFilter filter, SiteScope scope, AlertCursor after, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public AlertQuery {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(scope, "scope");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw VigilException.invalid("limit must be 1-" + MAX_LIMIT + ", was " + limit);
        }
    }
}
