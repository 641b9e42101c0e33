package dev.vigil.api.auth;

import dev.vigil.core.access.ApiToken;
import dev.vigil.core.access.Role;
import dev.vigil.core.access.SiteScope;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.SiteId;
import java.util.Objects;

/**
 * Who is making a request: the authenticated token's id, name, role and site scope. Never holds
 * the secret.
 *
 * @param tokenId the token's id ({@code t...})
 * @param name the token's name
 * @param role its role
 * @param scope the sites it is limited to
 */
public record Principal(String tokenId, String name, Role role, SiteScope scope) {
    public Principal {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(scope, "scope");
    }

    /** The principal of a stored token. */
    public static Principal of(ApiToken token) {
        return new Principal(token.id(), token.name(), token.role(), token.scope());
    }

    /** Whether this principal may see {@code site} ({@code null}: only if not limited to sites). */
    public boolean permits(SiteId site) {
        return scope.permits(site);
    }

    /**
     * Fails unless this principal may see {@code site}.
     *
     * @param what the thing being reached, for the message, e.g. {@code "camera gate-3"}
     * @throws VigilException PERMISSION_DENIED naming the token's sites
     */
    public void requireSite(SiteId site, String what) {
        if (!permits(site)) {
            throw new VigilException(ErrorKind.PERMISSION_DENIED, "token " + tokenId + " is limited to sites "
                    + scope.format() + "; " + what + (site == null ? " belongs to no known site"
                    : " is at site " + site));
        }
    }
}
