package dev.vigil.api.routes;

import dev.vigil.api.auth.Access;
import dev.vigil.api.auth.SiteRule;
import dev.vigil.api.http.ApiRequest;
import dev.vigil.api.http.ApiResponse;
import dev.vigil.api.http.Route;
import dev.vigil.api.http.RouteGroup;
import dev.vigil.core.access.AuditAction;
import dev.vigil.core.access.AuditRecord;
import dev.vigil.core.access.Role;
import dev.vigil.core.port.AuditLog;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The audit log, for admins without a site limit: {@code GET /api/v1/audit?after=SEQ&limit=N}
 * pages through rows in order (default 100, at most 1,000; {@code next} is the {@code after} of the
 * next page, {@code null} at the end) and {@code GET /api/v1/audit/verify} checks the whole hash
 * chain and names the first broken row.
 */
public final class AuditRoutes implements RouteGroup {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final AuditLog audit;

    public AuditRoutes(AuditLog audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public List<Route> routes() {
        Access admin = Access.roles(Role.ADMIN).sites(new SiteRule.Unscoped());
        return List.of(
                Route.get("/api/v1/audit", admin, this::page),
                Route.get("/api/v1/audit/verify", admin, r -> ApiResponse.json(audit.verify())));
    }

    /** One audit row as the API shows it. */
    record AuditRow(long seq, Instant at, String actor, String actorName, Role role, AuditAction action, String camera,
            Instant from, Instant to, String target, String reason, String remote, String previousHash, String hash) {
        static AuditRow of(AuditRecord r) {
            var e = r.event();
            return new AuditRow(r.seq(), e.at(), e.actor(), e.actorName(), e.role(), e.action(),
                    e.camera() == null ? null : e.camera().value(), e.from(), e.to(), e.target(), e.reason(),
                    e.remote(), r.previousHash(), r.hash());
        }
    }

    record AuditPage(List<AuditRow> rows, Long next) {}

    private ApiResponse page(ApiRequest request) {
        long after = request.queryLong("after", 0, Long.MAX_VALUE - 1).orElse(0L);
        int limit = request.queryLong("limit", 1, MAX_LIMIT).orElse((long) DEFAULT_LIMIT).intValue();
        List<AuditRecord> rows = audit.page(after, limit);
        Long next = rows.size() < limit ? null : rows.get(rows.size() - 1).seq();
        return ApiResponse.json(new AuditPage(rows.stream().map(AuditRow::of).toList(), next));
    }
}
