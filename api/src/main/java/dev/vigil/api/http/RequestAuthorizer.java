package dev.vigil.api.http;

import dev.vigil.api.auth.Access;
import dev.vigil.api.auth.Authenticator;
import dev.vigil.api.auth.CameraSites;
import dev.vigil.api.auth.Principal;
import dev.vigil.api.auth.SiteRule;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.SiteId;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Enforces a route's {@link Access} on a request, in this order: bearer token (401), rate per
 * token (429), role (403), stated reason (400 naming {@code X-Vigil-Reason}), site scope (403).
 * Runs on a worker thread: authenticating may block on the token store.
 *
 * <p>The token comes from {@code Authorization: Bearer <token>}, or, on routes that allow it,
 * from the {@code access_token} query parameter. Failed authentications also draw from a bucket
 * per client address, so guessing tokens is held to the configured rate (then 429).
 */
final class RequestAuthorizer {
    /** Longest reason accepted. */
    static final int MAX_REASON = 500;

    private final Authenticator authenticator;
    private final CameraSites cameraSites;
    private final RateLimiter limiter;

    RequestAuthorizer(Authenticator authenticator, CameraSites cameraSites, RateLimiter limiter) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.cameraSites = Objects.requireNonNull(cameraSites, "cameraSites");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    /** Too many requests; answered 429 with {@code Retry-After}. */
    static final class RateLimited extends VigilException {
        private static final long serialVersionUID = 1L;
        private final long retryAfterSeconds;

        RateLimited(long retryAfterSeconds) {
            super(ErrorKind.RESOURCE_EXHAUSTED, "too many requests");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /**
     * @param request the request as received (no principal yet)
     * @param authorization the {@code Authorization} header, or {@code null}
     * @param queryToken the {@code access_token} query parameter, or {@code null}
     * @param statedReason the {@code X-Vigil-Reason} header or {@code reason} parameter, or {@code null}
     * @return the request with its principal and reason
     */
    ApiRequest authorize(ApiRequest request, String authorization, String queryToken, String statedReason) {
        Access access = request.route().access();
        String reason = reason(statedReason);
        if (access.anonymous()) {
            return request.authenticated(null, reason);
        }
        String secret = secret(authorization, access.queryToken() ? queryToken : null);
        Principal who;
        try {
            who = authenticator.authenticate(secret);
        } catch (VigilException e) {
            if (e.kind() == ErrorKind.UNAUTHENTICATED) {
                long wait = limiter.tryAcquire("address " + request.remote());
                if (wait > 0) {
                    throw new RateLimited(wait);
                }
            }
            throw e;
        }
        long wait = limiter.tryAcquire(who.tokenId());
        if (wait > 0) {
            throw new RateLimited(wait);
        }
        if (!access.admits(who.role())) {
            throw new VigilException(ErrorKind.PERMISSION_DENIED, "role " + who.role() + " may not call "
                    + request.route().name() + " (allowed: " + access.roles().stream().map(Object::toString)
                    .sorted().collect(Collectors.joining(", ")) + ")");
        }
        if (reason == null && access.reasonRequired().contains(who.role())) {
            throw new FieldError(ApiRequest.REASON_HEADER, "role " + who.role() + " must state a reason for "
                    + request.route().name() + ": header " + ApiRequest.REASON_HEADER + " or query parameter "
                    + ApiRequest.REASON_PARAM);
        }
        checkSites(access.siteRule(), who, request);
        return request.authenticated(who, reason);
    }

    private static String secret(String authorization, String queryToken) {
        if (authorization != null) {
            String a = authorization.strip();
            int space = a.indexOf(' ');
            if (space < 0 || !a.substring(0, space).equalsIgnoreCase("Bearer")) {
                throw new VigilException(ErrorKind.UNAUTHENTICATED, "the Authorization header must be 'Bearer <token>'");
            }
            return a.substring(space + 1).strip();
        }
        if (queryToken != null) {
            return queryToken;
        }
        throw new VigilException(ErrorKind.UNAUTHENTICATED, "this route needs a token: Authorization: Bearer <token>");
    }

    private static String reason(String stated) {
        if (stated == null) {
            return null;
        }
        String r = stated.strip();
        if (r.isEmpty()) {
            return null;
        }
        if (r.length() > MAX_REASON || r.chars().anyMatch(Character::isISOControl)) {
            throw new FieldError(ApiRequest.REASON_HEADER, ApiRequest.REASON_HEADER + ": at most " + MAX_REASON
                    + " characters, no control characters");
        }
        return r;
    }

    private void checkSites(SiteRule rule, Principal who, ApiRequest request) {
        if (who.scope().unlimited()) {
            return;
        }
        if (rule instanceof SiteRule.Unscoped) {
            throw new VigilException(ErrorKind.PERMISSION_DENIED, "token " + who.tokenId() + " is limited to sites "
                    + who.scope().format() + "; " + request.route().name() + " needs a token without a site limit");
        } else if (rule instanceof SiteRule.CameraParam c) {
            var camera = request.cameraParam(c.param());
            Optional<SiteId> site = cameraSites.siteOf(camera);
            who.requireSite(site.orElse(null), "camera " + camera);
        } else if (rule instanceof SiteRule.SiteParam s) {
            SiteId site = request.siteParam(s.param());
            who.requireSite(site, "site " + site);
        }
    }
}
