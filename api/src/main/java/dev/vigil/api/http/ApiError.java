package dev.vigil.api.http;

import dev.vigil.core.config.ConfigException;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The one error body of the API, {@code {"code", "message", "details"}}, with its HTTP status.
 * {@link #statusOf(ErrorKind)} is the one place where an error kind becomes a status; the
 * protocol-level errors that have no kind (405, 408, 413, 414, 415, 416, 431) are made here too.
 *
 * <p>{@code code} is the error kind in lower case ({@code invalid_argument}, {@code not_found},
 * ...) or one of the protocol codes below; {@code message} is one sentence for a person;
 * {@code details} is an object, empty unless said otherwise: {@code field} for a named bad field,
 * {@code allowed} for 405, {@code retryAfterSeconds} for 429, {@code size} for 416,
 * {@code limit} for 413, 414 and 431, {@code field} and {@code problems} for 422 (an invalid site or
 * camera config, see {@link #invalidConfig}).
 *
 * @param status HTTP status
 * @param code machine-readable code
 * @param message human-readable message, never a stack trace or a secret
 * @param details extra facts, never {@code null}
 */
public record ApiError(int status, String code, String message, Map<String, Object> details) {
    public ApiError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** The HTTP status of each error kind: the one mapping. */
    public static int statusOf(ErrorKind kind) {
        return switch (kind) {
            case INVALID_ARGUMENT -> 400;
            case UNAUTHENTICATED -> 401;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, FAILED_PRECONDITION -> 409;
            case GONE -> 410;
            case RESOURCE_EXHAUSTED -> 429;
            case DATA_LOSS, INTERNAL -> 500;
            case UNIMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case DEADLINE_EXCEEDED -> 504;
        };
    }

    /** {@code e} as an error body; INTERNAL errors get a generic message naming only the request id. */
    public static ApiError of(VigilException e, String requestId) {
        String code = e.kind().name().toLowerCase(Locale.ROOT);
        if (e.kind() == ErrorKind.INTERNAL) {
            return internal(requestId);
        }
        if (e instanceof ConfigException c) {
            return invalidConfig(c);
        }
        Map<String, Object> details = e instanceof FieldError f ? Map.of("field", f.field()) : Map.of();
        return new ApiError(statusOf(e.kind()), code, e.getMessage() == null ? code : e.getMessage(), details);
    }

    /**
     * A config that is well-formed JSON but invalid (a site or camera failing validation): 422 with
     * every problem, {@code details.problems} as {@code [{field, message}]} and {@code details.field}
     * the first one's field. A problem {@code cameras[door].analytics.rules[r1].zone: ...} has the
     * field {@code analytics.rules[r1].zone}: the path inside the body.
     */
    static ApiError invalidConfig(ConfigException e) {
        List<Map<String, String>> problems = e.problems().stream()
                .map(p -> Map.of("field", fieldOf(p), "message", p)).toList();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", problems.isEmpty() ? "body" : problems.get(0).get("field"));
        details.put("problems", problems);
        return new ApiError(422, "invalid_argument", e.getMessage(), details);
    }

    /** The body path of a config problem: its key path without the leading {@code cameras[ID]} or {@code sites[ID]}. */
    static String fieldOf(String problem) {
        int colon = problem.indexOf(": ");
        String path = colon < 0 ? problem : problem.substring(0, colon);
        if (path.startsWith("cameras[") || path.startsWith("sites[")) {
            int close = path.indexOf(']');
            path = close < 0 || close + 1 >= path.length() ? "" : path.substring(close + 1);
            path = path.startsWith(".") ? path.substring(1) : path;
        }
        return path.isEmpty() || path.contains(" ") ? "body" : path;
    }

    /** A failure that is our bug: no detail leaves the server; the log has it under {@code requestId}. */
    public static ApiError internal(String requestId) {
        return new ApiError(500, "internal", "the request failed on the server (request id " + requestId + ")",
                Map.of());
    }

    public static ApiError notFound(String path) {
        return new ApiError(404, "not_found", "no route for " + printable(path), Map.of());
    }

    public static ApiError methodNotAllowed(String method, List<String> allowed) {
        return new ApiError(405, "method_not_allowed", printable(method) + " is not allowed here; allowed: "
                + String.join(", ", allowed), Map.of("allowed", allowed));
    }

    public static ApiError requestTimeout(int seconds) {
        return new ApiError(408, "request_timeout", "the request did not arrive within " + seconds + " s", Map.of());
    }

    public static ApiError payloadTooLarge(int limit) {
        return new ApiError(413, "payload_too_large", "the request body is larger than " + limit + " bytes",
                Map.of("limit", limit));
    }

    public static ApiError unsupportedMediaType(String given) {
        return new ApiError(415, "unsupported_media_type", "the body must be application/json, was "
                + (given == null ? "no Content-Type" : printable(given)), Map.of());
    }

    public static ApiError rangeNotSatisfiable(long size, String why) {
        return new ApiError(416, "range_not_satisfiable", why, Map.of("size", size));
    }

    public static ApiError uriTooLong(int limit) {
        return new ApiError(414, "uri_too_long", "the request line is longer than " + limit + " bytes",
                Map.of("limit", limit));
    }

    public static ApiError headersTooLarge(int limit) {
        return new ApiError(431, "headers_too_large", "the request line or headers are larger than " + limit
                + " bytes", Map.of("limit", limit));
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "invalid_argument", message, Map.of());
    }

    public static ApiError rateLimited(long retryAfterSeconds) {
        return new ApiError(429, "resource_exhausted", "too many requests for this token; retry after "
                + retryAfterSeconds + " s", Map.of("retryAfterSeconds", retryAfterSeconds));
    }

    public static ApiError busy() {
        return new ApiError(503, "unavailable", "the server is busy; retry shortly", Map.of());
    }

    /** {@code s} cut to 100 characters with control characters replaced, safe to echo. */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        StringBuilder b = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }
}
