package dev.vigil.api.auth;

import java.util.Objects;

/**
 * How a route applies a token's site scope. The dispatcher enforces every rule but
 * {@link Filtered} before the handler runs; a {@link Filtered} route's handler must narrow what it
 * returns or does with {@link Principal#permits} / {@link Principal#requireSite} itself.
 */
public sealed interface SiteRule {
    /** Not site-bound: any token with an admitted role, scoped or not (e.g. {@code /api/v1/me}). */
    record None() implements SiteRule {}

    /** Only tokens without a site limit (token and audit administration: a scoped token could escalate). */
    record Unscoped() implements SiteRule {}

    /** The handler narrows results to the token's sites (lists, searches). */
    record Filtered() implements SiteRule {}

    /** The camera named by path parameter {@code param} must be at one of the token's sites. */
    record CameraParam(String param) implements SiteRule {
        public CameraParam {
            Objects.requireNonNull(param, "param");
        }
    }

    /** The site named by path parameter {@code param} must be one of the token's sites. */
    record SiteParam(String param) implements SiteRule {
        public SiteParam {
            Objects.requireNonNull(param, "param");
        }
    }
}
