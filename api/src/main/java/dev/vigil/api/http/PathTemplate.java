package dev.vigil.api.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A route's path, such as {@code /api/v1/cameras/{id}/history}: literal segments and named
 * parameters, each parameter one whole segment. Pure.
 *
 * <p>Matching takes the raw (still percent-encoded) path, splits it at {@code /} and decodes each
 * segment on its own, so an encoded slash stays inside its segment. A parameter's decoded value
 * must be 1-{@value #MAX_PARAM_LENGTH} characters with no {@code /}, {@code \}, control characters,
 * and must not be {@code .} or {@code ..}: anything else is a {@link FieldError} naming the
 * parameter (a 400), never a lookup with a hostile key.
 */
public final class PathTemplate {
    /** Longest parameter value accepted. */
    public static final int MAX_PARAM_LENGTH = 256;
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private final String text;
    private final List<String> segments;
    private final List<String> params;

    private PathTemplate(String text, List<String> segments, List<String> params) {
        this.text = text;
        this.segments = segments;
        this.params = params;
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException if it does not start with {@code /}, has an empty segment,
     *     or a segment is neither a literal of {@code [A-Za-z0-9_.-]} nor a {@code {name}}
     */
    public static PathTemplate parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith("/") || text.length() < 2 || text.endsWith("/")) {
            throw new IllegalArgumentException("path template must start with / and not end with /: " + text);
        }
        List<String> segments = new ArrayList<>();
        List<String> params = new ArrayList<>();
        for (String segment : text.substring(1).split("/", -1)) {
            var param = PARAM.matcher(segment);
            if (param.matches()) {
                if (params.contains(param.group(1))) {
                    throw new IllegalArgumentException("parameter {" + param.group(1) + "} twice in " + text);
                }
                params.add(param.group(1));
            } else if (!LITERAL.matcher(segment).matches()) {
                throw new IllegalArgumentException("bad segment '" + segment + "' in path template " + text);
            }
            segments.add(segment);
        }
        return new PathTemplate(text, List.copyOf(segments), List.copyOf(params));
    }

    /** The template as written. */
    public String text() {
        return text;
    }

    /** Parameter names in order. */
    public List<String> params() {
        return params;
    }

    int size() {
        return segments.size();
    }

    String segment(int index) {
        return segments.get(index);
    }

    boolean isParam(int index) {
        return segments.get(index).startsWith("{");
    }

    /**
     * Matches already split raw segments.
     *
     * @return the decoded parameters by name, or {@code null} if the path does not fit
     * @throws FieldError if the path fits but a parameter's value is not acceptable
     */
    Map<String, String> match(List<String> rawSegments) {
        if (rawSegments.size() != segments.size()) {
            return null;
        }
        for (int i = 0; i < segments.size(); i++) {
            if (!isParam(i) && !segments.get(i).equals(rawSegments.get(i))) {
                return null;
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            if (isParam(i)) {
                String name = segments.get(i).substring(1, segments.get(i).length() - 1);
                values.put(name, decodeParam(name, rawSegments.get(i)));
            }
        }
        return Collections.unmodifiableMap(values);
    }

    /** Splits a raw path ({@code /a/b%2Fc}) into raw segments ({@code a}, {@code b%2Fc}). */
    static List<String> split(String rawPath) {
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return List.of();
        }
        return List.of(rawPath.substring(1).split("/", -1));
    }

    private static String decodeParam(String name, String raw) {
        String value;
        try {
            value = PercentDecoding.decode(raw);
        } catch (IllegalArgumentException e) {
            throw new FieldError(name, "path parameter '" + name + "': " + e.getMessage());
        }
        if (value.isEmpty() || value.length() > MAX_PARAM_LENGTH) {
            throw new FieldError(name, "path parameter '" + name + "': must be 1-" + MAX_PARAM_LENGTH
                    + " characters, was " + value.length());
        }
        if (value.equals(".") || value.equals("..") || value.indexOf('/') >= 0 || value.indexOf('\\') >= 0
                || value.chars().anyMatch(Character::isISOControl)) {
            throw new FieldError(name, "path parameter '" + name
                    + "': must not be . or .. nor contain /, \\ or control characters");
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathTemplate other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
