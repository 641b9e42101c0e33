package dev.vigil.api.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Decides what part of a {@link SizedResource} to send for a {@code GET}'s {@code Range} and
 * {@code If-Range} headers (RFC 9110 sections 13.1.5 and 14). Pure.
 *
 * <ul>
 * <li>No {@code Range}, a unit other than {@code bytes}, or an {@code If-Range} that does not match
 *     (a weak or different entity tag, a different date): the whole body, 200.
 * <li>One satisfiable range ({@code bytes=0-99}, {@code bytes=100-}, {@code bytes=-500}): 206 with
 *     {@code Content-Range}; an end past the last byte is cut to it.
 * <li>Several ranges: the whole body, 200 (RFC 9110 lets a server ignore {@code Range}; browsers
 *     and players ask for one range at a time, and multipart bodies are not worth their cost).
 * <li>A malformed {@code bytes} range, or one starting at or past the end: 416 with
 *     {@code Content-Range: bytes *}{@code /size} and a message saying which.
 * </ul>
 */
public final class ByteRanges {
    private static final int MAX_HEADER = 200;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            java.util.Locale.US);

    private ByteRanges() {}

    /** The decision for one request. */
    public sealed interface Plan {
        /** 200, all of it. */
        record Whole() implements Plan {}

        /** 206, {@code [first, last]} inclusive. */
        record Part(long first, long last) implements Plan {
            public long length() {
                return last - first + 1;
            }
        }

        /** 416, with why. */
        record Unsatisfiable(String why) implements Plan {}
    }

    /**
     * @param range the {@code Range} header, or {@code null}
     * @param ifRange the {@code If-Range} header, or {@code null}
     * @param size the resource's size
     * @param etag the resource's strong entity tag, quoted, or {@code null}
     * @param lastModified the resource's modification time, or {@code null}
     */
    public static Plan plan(String range, String ifRange, long size, String etag, Instant lastModified) {
        if (range == null) {
            return new Plan.Whole();
        }
        if (ifRange != null && !ifRangeMatches(ifRange.strip(), etag, lastModified)) {
            return new Plan.Whole();
        }
        String r = range.strip();
        if (r.length() > MAX_HEADER) {
            return new Plan.Unsatisfiable("Range header longer than " + MAX_HEADER + " characters");
        }
        int eq = r.indexOf('=');
        if (eq < 0) {
            return new Plan.Unsatisfiable("Range must look like bytes=FIRST-LAST, was '" + ApiError.printable(r) + "'");
        }
        if (!r.substring(0, eq).strip().equalsIgnoreCase("bytes")) {
            return new Plan.Whole();
        }
        String spec = r.substring(eq + 1).strip();
        if (spec.contains(",")) {
            return new Plan.Whole();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return malformed(spec);
        }
        String a = spec.substring(0, dash).strip();
        String b = spec.substring(dash + 1).strip();
        if (!digits(a) || !(b.isEmpty() || digits(b)) || (a.isEmpty() && b.isEmpty())) {
            return malformed(spec);
        }
        if (a.isEmpty()) {
            long suffix = parse(b);
            if (suffix == 0 || size == 0) {
                return new Plan.Unsatisfiable("Range bytes=-" + b + " selects nothing of a " + size + "-byte body");
            }
            return new Plan.Part(Math.max(0, size - suffix), size - 1);
        }
        long first = parse(a);
        long last = b.isEmpty() ? size - 1 : parse(b);
        if (first < 0 || last < 0) {
            return new Plan.Unsatisfiable("Range numbers too large");
        }
        if (!b.isEmpty() && last < first) {
            return new Plan.Unsatisfiable("Range bytes=" + spec + " ends before it starts");
        }
        if (first >= size) {
            return new Plan.Unsatisfiable("Range starts at byte " + first + " but the body has " + size + " bytes");
        }
        return new Plan.Part(first, Math.min(last, size - 1));
    }

    private static Plan malformed(String spec) {
        return new Plan.Unsatisfiable("Range must look like bytes=FIRST-LAST, bytes=FIRST- or bytes=-SUFFIX, was bytes="
                + ApiError.printable(spec));
    }

    private static boolean digits(String s) {
        if (s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static long parse(String s) {
        return s.isEmpty() ? -1 : Long.parseLong(s);
    }

    private static boolean ifRangeMatches(String ifRange, String etag, Instant lastModified) {
        if (ifRange.startsWith("W/")) {
            return false;
        }
        if (ifRange.startsWith("\"")) {
            return etag != null && !etag.startsWith("W/") && etag.equals(ifRange);
        }
        if (lastModified == null) {
            return false;
        }
        try {
            Instant date = ZonedDateTime.parse(ifRange, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return date.equals(lastModified.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** {@code t} as an HTTP date ({@code Sun, 01 Mar 2026 14:10:00 GMT}). */
    public static String httpDate(Instant t) {
        return HTTP_DATE.format(t.atZone(ZoneOffset.UTC));
    }
}
