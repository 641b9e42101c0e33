package dev.vigil.ingest.rtsp;

import dev.vigil.core.error.VigilException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the head (start line and header fields) of an RTSP message. Pure: text in, an
 * {@link RtspMessage} without body or a {@link VigilException} (INVALID_ARGUMENT) out.
 *
 * <p>Lenient where cameras are sloppy: lines may end in LF alone; header names are matched
 * case-insensitively later ({@link RtspHeaders}); values are trimmed (quirks 18, 19); continuation
 * lines (leading whitespace) are folded into the previous value; lines without a colon are
 * skipped. Strict where it matters for framing: the start line and {@code Content-Length}.
 */
public final class RtspParser {
    private RtspParser() {}

    /** Parses a head that ends before the empty line (the empty line itself may be included). */
    public static RtspMessage parseHead(String head) {
        String[] lines = head.split("\r?\n");
        if (lines.length == 0 || lines[0].isBlank()) {
            throw VigilException.invalid("RTSP message with an empty start line");
        }
        String start = lines[0].strip();
        List<RtspHeaders.Field> fields = new ArrayList<>();
        String name = null;
        StringBuilder value = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(' ').append(line.strip());
                continue;
            }
            if (name != null) {
                fields.add(new RtspHeaders.Field(name, value.toString()));
                name = null;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue; // not a header field: ignore
            }
            name = line.substring(0, colon).strip();
            value = new StringBuilder(line.substring(colon + 1).strip());
            if (name.isEmpty()) {
                name = null;
            }
        }
        if (name != null) {
            fields.add(new RtspHeaders.Field(name, value.toString()));
        }
        RtspHeaders headers = RtspHeaders.of(fields);
        if (start.startsWith("RTSP/")) {
            return statusLine(start, headers);
        }
        String[] parts = start.split(" +");
        if (parts.length != 3 || !parts[2].startsWith("RTSP/")) {
            throw VigilException.invalid("bad RTSP start line (" + start.length() + " characters, " + parts.length
                    + " fields)");
        }
        try {
            return new RtspRequest(parts[0], parts[1], headers, null);
        } catch (IllegalArgumentException e) {
            throw VigilException.invalid("bad RTSP request line: " + e.getMessage());
        }
    }

    private static RtspResponse statusLine(String start, RtspHeaders headers) {
        int sp1 = start.indexOf(' ');
        if (sp1 < 0) {
            throw VigilException.invalid("RTSP status line without a status code: '" + start + "'");
        }
        String rest = start.substring(sp1 + 1).strip();
        int sp2 = rest.indexOf(' ');
        String code = sp2 < 0 ? rest : rest.substring(0, sp2);
        try {
            int status = Integer.parseInt(code);
            return new RtspResponse(status, sp2 < 0 ? "" : rest.substring(sp2 + 1).strip(), headers, null);
        } catch (IllegalArgumentException e) {
            throw VigilException.invalid("RTSP status line with a bad status code: '" + start + "'");
        }
    }

    /**
     * The body length a message announces; 0 without {@code Content-Length}.
     *
     * @throws VigilException INVALID_ARGUMENT when the value is not a number in [0, max]
     */
    public static int contentLength(RtspHeaders headers, int max) {
        String v = headers.get("Content-Length");
        if (v == null) {
            return 0;
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw VigilException.invalid("Content-Length '" + v + "' is not a number");
        }
        if (n < 0 || n > max) {
            throw VigilException.invalid("Content-Length " + n + " is outside [0, " + max + "]");
        }
        return (int) n;
    }
}
