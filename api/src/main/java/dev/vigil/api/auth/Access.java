package dev.vigil.api.auth;

import dev.vigil.core.access.Role;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who may call a route, declared with the route and enforced by the dispatcher before the handler
 * runs: the roles admitted, the roles that must state a reason, how the site scope applies, and
 * whether the token may come in the query string.
 *
 * <pre>{@code
 * Access.roles(Role.ADMIN, Role.POLICE).reasonFrom(Role.POLICE).sites(new SiteRule.CameraParam("id"))
 * }</pre>
 *
 * @param anonymous whether the route needs no token at all ({@code /healthz}, {@code /readyz},
 *     {@code /metrics}, the OpenAPI document); the other fields are then unused
 * @param roles roles admitted; others get 403
 * @param reasonRequired admitted roles that must state a reason ({@code X-Vigil-Reason} header or
 *     {@code reason} query parameter), else 400 naming {@code X-Vigil-Reason}
 * @param siteRule how the token's site scope applies
 * @param queryToken whether the token may also come as the {@code access_token} query parameter
 *     (RFC 6750 section 2.3), for URLs a browser loads itself ({@code <video src>}); never logged
 */
public record Access(boolean anonymous, Set<Role> roles, Set<Role> reasonRequired, SiteRule siteRule, boolean queryToken) {
    public Access {
        roles = Collections.unmodifiableSet(roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles));
        reasonRequired = Collections.unmodifiableSet(reasonRequired.isEmpty() ? EnumSet.noneOf(Role.class)
                : EnumSet.copyOf(reasonRequired));
        Objects.requireNonNull(siteRule, "siteRule");
        if (!anonymous && roles.isEmpty()) {
            throw new IllegalArgumentException("a route that needs a token must admit at least one role");
        }
        if (!roles.containsAll(reasonRequired)) {
            throw new IllegalArgumentException("reason required of roles not admitted: " + reasonRequired);
        }
    }

    /** No token needed. */
    public static Access open() {
        return new Access(true, Set.of(), Set.of(), new SiteRule.None(), false);
    }

    /** A token with one of {@code roles}; site rule {@link SiteRule.None} until {@link #sites} says otherwise. */
    public static Access roles(Role... roles) {
        return new Access(false, Set.copyOf(Arrays.asList(roles)), Set.of(), new SiteRule.None(), false);
    }

    /** Every role. */
    public static Access anyRole() {
        return roles(Role.values());
    }

    /** This access, with {@code roles} having to state a reason. */
    public Access reasonFrom(Role... reasonRoles) {
        return new Access(anonymous, roles, Set.copyOf(Arrays.asList(reasonRoles)), siteRule, queryToken);
    }

    /** This access, with the site scope applied by {@code rule}. */
    public Access sites(SiteRule rule) {
        return new Access(anonymous, roles, reasonRequired, rule, queryToken);
    }

    /** This access, also taking the token from the {@code access_token} query parameter. */
    public Access allowQueryToken() {
        return new Access(anonymous, roles, reasonRequired, siteRule, true);
    }

    /** Whether {@code role} is admitted. */
    public boolean admits(Role role) {
        return anonymous || roles.contains(role);
    }
}
