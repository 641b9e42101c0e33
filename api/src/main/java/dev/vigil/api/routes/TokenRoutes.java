package dev.vigil.api.routes;

import dev.vigil.api.auth.Access;
import dev.vigil.api.auth.Principal;
import dev.vigil.api.auth.SiteRule;
import dev.vigil.api.http.ApiRequest;
import dev.vigil.api.http.ApiResponse;
import dev.vigil.api.http.FieldError;
import dev.vigil.api.http.Route;
import dev.vigil.api.http.RouteGroup;
import dev.vigil.core.access.ApiToken;
import dev.vigil.core.access.AuditAction;
import dev.vigil.core.access.IssuedToken;
import dev.vigil.core.access.Role;
import dev.vigil.core.access.SiteScope;
import dev.vigil.core.access.TokenIssuer;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.port.AuditLog;
import dev.vigil.core.port.TokenStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * API tokens. Admins without a site limit list ({@code GET /api/v1/tokens}), create
 * ({@code POST /api/v1/tokens}; the secret is in that answer only) and revoke
 * ({@code DELETE /api/v1/tokens/{id}}) them; creating and revoking are written to the audit log.
 * Any token may ask who it is ({@code GET /api/v1/me}).
 */
public final class TokenRoutes implements RouteGroup {
    private final TokenStore store;
    private final TokenIssuer issuer;
    private final AuditLog audit;

    public TokenRoutes(TokenStore store, TokenIssuer issuer, AuditLog audit) {
        this.store = Objects.requireNonNull(store, "store");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public List<Route> routes() {
        Access admin = Access.roles(Role.ADMIN).sites(new SiteRule.Unscoped());
        return List.of(
                Route.get("/api/v1/me", Access.anyRole(), this::me),
                Route.get("/api/v1/tokens", admin, r -> ApiResponse.json(new TokenList(
                        store.list().stream().map(TokenView::of).toList()))),
                Route.post("/api/v1/tokens", admin, this::create),
                Route.delete("/api/v1/tokens/{id}", admin, this::revoke));
    }

    /** A token as the API shows it: never its secret or hash. */
    public record TokenView(String id, String name, Role role, List<String> sites, Instant createdAt, String createdBy,
            Instant revokedAt) {
        static TokenView of(ApiToken t) {
            return new TokenView(t.id(), t.name(), t.role(), t.scope().ids(), t.createdAt(), t.createdBy(),
                    t.revokedAt());
        }
    }

    record TokenList(List<TokenView> tokens) {}

    /** The body of {@code POST /api/v1/tokens}. */
    public record CreateToken(Role role, List<String> sites, String name) {
        public CreateToken {
            if (role == null) {
                throw new FieldError("role", "role: required, one of admin, integrator, operator, police, viewer");
            }
            if (name == null || name.isBlank()) {
                throw new FieldError("name", "name: required, 1-100 characters saying what the token is for");
            }
            sites = sites == null ? List.of() : List.copyOf(sites);
        }
    }

    /** The answer to {@code POST /api/v1/tokens}: the secret appears here and nowhere else. */
    record Created(TokenView token, String secret) {}

    record Me(String tokenId, String name, Role role, List<String> sites) {}

    private ApiResponse me(ApiRequest request) {
        Principal p = request.requirePrincipal();
        return ApiResponse.json(new Me(p.tokenId(), p.name(), p.role(), p.scope().ids()));
    }

    private ApiResponse create(ApiRequest request) {
        CreateToken body = request.body(CreateToken.class);
        List<SiteId> sites = new ArrayList<>();
        for (int i = 0; i < body.sites().size(); i++) {
            try {
                sites.add(SiteId.of(body.sites().get(i)));
            } catch (VigilException e) {
                throw new FieldError("sites[" + i + "]", "sites[" + i + "]: " + e.getMessage());
            }
        }
        IssuedToken issued;
        try {
            issued = issuer.issue(body.role(), SiteScope.of(sites), body.name(), request.requirePrincipal().tokenId());
        } catch (VigilException e) {
            if (e.kind() == ErrorKind.INVALID_ARGUMENT && e.getMessage().startsWith("name")) {
                throw new FieldError("name", e.getMessage());
            }
            throw e;
        }
        audit.append(request.auditEvent(AuditAction.TOKEN_CREATE, null, null, null, issued.token().id()));
        return ApiResponse.json(201, new Created(TokenView.of(issued.token()), issued.secret()))
                .withHeader("Location", "/api/v1/tokens/" + issued.token().id());
    }

    private ApiResponse revoke(ApiRequest request) {
        String id;
        try {
            id = ApiToken.requireId(request.pathParam("id"));
        } catch (VigilException e) {
            throw new FieldError("id", "path parameter 'id': " + e.getMessage());
        }
        ApiToken revoked = store.revoke(id, request.receivedAt())
                .orElseThrow(() -> new VigilException(ErrorKind.NOT_FOUND, "no token " + id));
        audit.append(request.auditEvent(AuditAction.TOKEN_REVOKE, null, null, null, id));
        return ApiResponse.json(TokenView.of(revoked));
    }
}
