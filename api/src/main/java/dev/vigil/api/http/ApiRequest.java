package dev.vigil.api.http;

import dev.vigil.api.auth.Principal;
import dev.vigil.core.access.AuditAction;
import dev.vigil.core.access.AuditEvent;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.SiteId;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a route handler sees it: immutable, detached from Netty's buffers (the body is a
 * copied byte array of at most {@code api.limits.maxBodyBytes}), and already authenticated and
 * authorized for the route's {@link dev.vigil.api.auth.Access}.
 *
 * <p>Typed accessors fail with a {@link FieldError} (400) naming the parameter, so a handler can
 * read its inputs in one line each: {@code request.cameraParam("id")},
 * {@code request.queryInstant("from")}, {@code request.body(ExportRequestBody.class)}.
 *
 * <p>Audit: {@link #auditEvent} builds the row for an audited act with the principal, stated reason
 * and client address filled in; append it to the {@link dev.vigil.core.port.AuditLog} before
 * streaming or starting the work (an act that cannot be audited must not happen).
 */
public final class ApiRequest {
    /** Header with the reason for access that police must state (or the {@code reason} query parameter). */
    public static final String REASON_HEADER = "X-Vigil-Reason";
    /** Query parameter that may carry the reason instead of the header. */
    public static final String REASON_PARAM = "reason";
    /** Query parameter that may carry the token on routes that allow it (RFC 6750 section 2.3). */
    public static final String TOKEN_PARAM = "access_token";

    private final String requestId;
    private final Instant receivedAt;
    private final HttpMethod method;
    private final String path;
    private final Route route;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> query;
    private final HttpHeaders headers;
    private final byte[] body;
    private final String remote;
    private final Principal principal;
    private final String reason;
    private final JsonCodec json;

    ApiRequest(String requestId, Instant receivedAt, HttpMethod method, String path, Route route,
            Map<String, String> pathParams, Map<String, List<String>> query, HttpHeaders headers, byte[] body,
            String remote, Principal principal, String reason, JsonCodec json) {
        this.requestId = requestId;
        this.receivedAt = receivedAt;
        this.method = method;
        this.path = path;
        this.route = route;
        this.pathParams = Map.copyOf(pathParams);
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.remote = remote;
        this.principal = principal;
        this.reason = reason;
        this.json = json;
    }

    ApiRequest authenticated(Principal who, String statedReason) {
        return new ApiRequest(requestId, receivedAt, method, path, route, pathParams, query, headers, body, remote,
                who, statedReason, json);
    }

    /** A short random id, also sent back as {@code X-Request-Id} and used in logs. */
    public String requestId() {
        return requestId;
    }

    /** When the request was received (the server's injected clock). */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** The method; {@code HEAD} requests reach {@code GET} routes with {@code HEAD} here. */
    public HttpMethod method() {
        return method;
    }

    /** The decoded path, without the query. */
    public String path() {
        return path;
    }

    public Route route() {
        return route;
    }

    /** The authenticated caller; empty only on open routes. */
    public Optional<Principal> principal() {
        return Optional.ofNullable(principal);
    }

    /**
     * The authenticated caller.
     *
     * @throws VigilException UNAUTHENTICATED on an open route (a bug in the route)
     */
    public Principal requirePrincipal() {
        if (principal == null) {
            throw new VigilException(ErrorKind.UNAUTHENTICATED, "this route needs a bearer token");
        }
        return principal;
    }

    /** The reason the caller stated ({@value #REASON_HEADER} or {@code ?reason=}), if any. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** The client's IP address. */
    public String remote() {
        return remote;
    }

    /** A request header's first value. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The raw body (empty array if none). */
    public byte[] bodyBytes() {
        return body.clone();
    }

    /**
     * The body read as JSON into {@code type}; see {@link JsonCodec#read} for the errors.
     *
     * @throws VigilException 415 semantics via {@link UnsupportedBody} if the Content-Type is not JSON
     */
    public <T> T body(Class<T> type) {
        String contentType = headers.get("Content-Type");
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).strip()
                .matches("application/json\\s*(;.*)?")) {
            throw new UnsupportedBody(contentType);
        }
        return json.read(body, type);
    }

    /** A path parameter of the route's template (validated by {@link PathTemplate}). */
    public String pathParam(String name) {
        String v = pathParams.get(name);
        if (v == null) {
            throw new IllegalArgumentException("route " + route + " has no parameter {" + name + "}");
        }
        return v;
    }

    /** A path parameter as a camera id. */
    public CameraId cameraParam(String name) {
        String v = pathParam(name);
        try {
            return CameraId.of(v);
        } catch (VigilException e) {
            throw new FieldError(name, "path parameter '" + name + "': " + e.getMessage());
        }
    }

    /** A path parameter as a site id. */
    public SiteId siteParam(String name) {
        String v = pathParam(name);
        try {
            return SiteId.of(v);
        } catch (VigilException e) {
            throw new FieldError(name, "path parameter '" + name + "': " + e.getMessage());
        }
    }

    /**
     * A query parameter given at most once.
     *
     * @throws FieldError if it is given more than once
     */
    public Optional<String> query(String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new FieldError(name, "query parameter '" + name + "' given " + values.size() + " times");
        }
        return Optional.of(values.get(0));
    }

    /** Every value of a query parameter that may be repeated, in order; empty if not given. */
    public List<String> queryValues(String name) {
        List<String> values = query.get(name);
        return values == null ? List.of() : List.copyOf(values);
    }

    /** Every query parameter name given (the token and reason parameters excluded). */
    public java.util.Set<String> queryNames() {
        return query.keySet();
    }

    /** A required query parameter. */
    public String requireQuery(String name) {
        return query(name).orElseThrow(() -> new FieldError(name, "query parameter '" + name + "' is required"));
    }

    /** An optional whole-number query parameter within {@code min..max}. */
    public Optional<Long> queryLong(String name, long min, long max) {
        return query(name).map(v -> {
            long n;
            try {
                n = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new FieldError(name, "query parameter '" + name + "' must be a whole number, was '"
                        + ApiError.printable(v) + "'");
            }
            if (n < min || n > max) {
                throw new FieldError(name, "query parameter '" + name + "' must be within " + min + ".." + max
                        + ", was " + n);
            }
            return n;
        });
    }

    /** An optional ISO-8601 time query parameter ({@code 2026-03-01T14:10:00Z}). */
    public Optional<Instant> queryInstant(String name) {
        return query(name).map(v -> {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw new FieldError(name, "query parameter '" + name
                        + "' must be an ISO-8601 time such as 2026-03-01T14:10:00Z, was '" + ApiError.printable(v) + "'");
            }
        });
    }

    /**
     * The audit row for an act of this request: now ({@link #receivedAt()}), this principal, its
     * stated reason and address.
     *
     * @param camera the camera concerned, or {@code null}
     * @param from start of the range concerned, or {@code null}
     * @param to end of the range concerned, or {@code null}
     * @param target what else identifies the object (export id, object key), or {@code null}
     */
    public AuditEvent auditEvent(AuditAction action, CameraId camera, Instant from, Instant to, String target) {
        Principal who = requirePrincipal();
        return new AuditEvent(receivedAt, who.tokenId(), who.name(), who.role(), action, camera, from, to, target,
                reason, remote);
    }

    @Override
    public String toString() {
        return method + " " + ApiError.printable(path) + " [" + requestId + "]";
    }

    /** The body is not JSON: answered 415. */
    public static final class UnsupportedBody extends VigilException {
        private static final long serialVersionUID = 1L;
        private final String given;

        UnsupportedBody(String given) {
            super(ErrorKind.INVALID_ARGUMENT, "the body must be application/json");
            this.given = given;
        }

        String given() {
            return given;
        }
    }
}
