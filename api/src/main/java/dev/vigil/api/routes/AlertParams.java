package dev.vigil.api.routes;

import dev.vigil.api.http.FieldError;
import dev.vigil.core.alert.AlertSeverity;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.review.AlertCursor;
import dev.vigil.core.review.AlertFilter;
import dev.vigil.core.review.AlertQuery;
import dev.vigil.core.review.AlertState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The query parameters of the alert listing and stream, read into a filter, cursor and limit. Pure:
 * a map of parameters in, a record or a {@link FieldError} naming the parameter out.
 *
 * <p>{@code from}, {@code to}: ISO-8601 instants on the event's start ({@code from} inclusive,
 * {@code to} exclusive). {@code site}, {@code camera}, {@code kind} (rule type), {@code rule} (rule
 * id), {@code severity} ({@code info}, {@code warning}, {@code critical}) and {@code state}
 * ({@code open}, {@code acknowledged}, {@code escalated}, {@code dismissed}) may be repeated or
 * comma-separated, meaning any of them (at most {@value AlertFilter#MAX_VALUES} each). The listing
 * also takes {@code limit} (1-{@value AlertQuery#MAX_LIMIT}, default
 * {@value AlertQuery#DEFAULT_LIMIT}) and {@code cursor} (a {@code nextCursor}). Any other parameter
 * is refused, so a misspelt filter never silently widens the answer.
 */
final class AlertParams {
    /** The filters of both the listing and the stream. */
    static final Set<String> FILTERS = Set.of("from", "to", "site", "camera", "kind", "rule", "severity", "state");
    /** The listing's parameters. */
    static final Set<String> LISTING = union(FILTERS, Set.of("limit", "cursor"));
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    private AlertParams() {}

    /** A listing's parameters. */
    record Listing(AlertFilter filter, AlertCursor cursor, int limit) {}

    /** Reads the listing's parameters. */
    static Listing listing(Map<String, List<String>> query) {
        AlertFilter filter = filter(query, LISTING);
        String limitText = single(query, "limit");
        int limit = AlertQuery.DEFAULT_LIMIT;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                throw new FieldError("limit", "query parameter 'limit' must be a whole number, was '"
                        + printable(limitText) + "'");
            }
            if (limit < 1 || limit > AlertQuery.MAX_LIMIT) {
                throw new FieldError("limit", "query parameter 'limit' must be within 1.." + AlertQuery.MAX_LIMIT
                        + ", was " + limit);
            }
        }
        String cursorText = single(query, "cursor");
        AlertCursor cursor = null;
        if (cursorText != null) {
            try {
                cursor = AlertCursor.parse(cursorText);
            } catch (VigilException e) {
                throw new FieldError("cursor", "query parameter 'cursor': " + e.getMessage());
            }
        }
        return new Listing(filter, cursor, limit);
    }

    /** Reads the filters, refusing any parameter not in {@code allowed}. */
    static AlertFilter filter(Map<String, List<String>> query, Set<String> allowed) {
        for (String name : new TreeSet<>(query.keySet())) {
            if (!allowed.contains(name)) {
                throw new FieldError(name, "unknown query parameter '" + printable(name) + "' (known: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
        Instant from = instant(query, "from");
        Instant to = instant(query, "to");
        if (from != null && to != null && !to.isAfter(from)) {
            throw new FieldError("to", "to (" + to + ") must be after from (" + from + ")");
        }
        return new AlertFilter(from, to,
                values(query, "site", v -> SiteId.of(v)),
                values(query, "camera", v -> CameraId.of(v)),
                values(query, "kind", AlertParams::name),
                values(query, "rule", AlertParams::name),
                values(query, "severity", v -> {
                    AlertSeverity s = AlertSeverity.ofWireName(v);
                    if (s == null) {
                        throw VigilException.invalid("must be info, warning or critical");
                    }
                    return s;
                }),
                values(query, "state", v -> {
                    AlertState s = AlertState.ofLabel(v);
                    if (s == null) {
                        throw VigilException.invalid("must be open, acknowledged, escalated or dismissed");
                    }
                    return s;
                }));
    }

    private static String name(String v) {
        if (!NAME.matcher(v).matches()) {
            throw VigilException.invalid("must be 1-64 characters of [A-Za-z0-9_.:-]");
        }
        return v;
    }

    private static <T> Set<T> values(Map<String, List<String>> query, String name, Function<String, T> parse) {
        List<String> given = query.getOrDefault(name, List.of());
        Set<T> out = new LinkedHashSet<>();
        for (String one : given) {
            for (String v : one.split(",", -1)) {
                String value = v.strip();
                if (value.isEmpty()) {
                    throw new FieldError(name, "query parameter '" + name + "' has an empty value");
                }
                try {
                    out.add(parse.apply(value));
                } catch (VigilException | IllegalArgumentException e) {
                    throw new FieldError(name, "query parameter '" + name + "': '" + printable(value) + "' "
                            + e.getMessage());
                }
                if (out.size() > AlertFilter.MAX_VALUES) {
                    throw new FieldError(name, "query parameter '" + name + "' takes at most " + AlertFilter.MAX_VALUES
                            + " values");
                }
            }
        }
        return out;
    }

    private static Instant instant(Map<String, List<String>> query, String name) {
        String v = single(query, name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new FieldError(name, "query parameter '" + name
                    + "' must be an ISO-8601 time such as 2026-03-01T14:10:00Z, was '" + printable(v) + "'");
        }
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new FieldError(name, "query parameter '" + name + "' given " + values.size() + " times");
        }
        return values.get(0);
    }

    /** {@code s} cut to 100 characters with control characters replaced, safe to echo. */
    static String printable(String s) {
        String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        StringBuilder b = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }

    /** Every query parameter of {@code request} (the token and reason excluded). */
    static Map<String, List<String>> of(dev.vigil.api.http.ApiRequest request) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        request.queryNames().forEach(n -> out.put(n, request.queryValues(n)));
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }
}
