package dev.vigil.ingest.rtsp;

import dev.vigil.core.error.ErrorKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An RTSP response.
 *
 * @param status the status code, 100 to 999
 * @param reason the reason phrase (may be empty)
 * @param headers header fields
 * @param body the body, empty when none
 */
public record RtspResponse(int status, String reason, RtspHeaders headers, byte[] body) implements RtspMessage {
    public RtspResponse {
        Objects.requireNonNull(headers, "headers");
        reason = reason == null ? "" : reason;
        body = body == null ? new byte[0] : body;
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("RTSP status must be 100 to 999, was " + status);
        }
    }

    /** Content-Base, else Content-Location, else the request URL (RFC 2326 section C.1.1). */
    public String baseUrl(String requestUrl) {
        String base = headers().get("Content-Base");
        if (base == null || base.isEmpty()) {
            base = headers().get("Content-Location");
        }
        if (base == null || base.isEmpty()) {
            return requestUrl;
        }
        if (!base.regionMatches(true, 0, "rtsp://", 0, 7) && !base.regionMatches(true, 0, "rtsps://", 0, 8)) {
            base = "rtsp://" + base; // quirk 20 (Anjvision): Content-Base without a scheme
        }
        return base;
    }

    /** The error kind of a failure status. */
    public ErrorKind errorKind() {
        return switch (status) {
            case 401 -> ErrorKind.UNAUTHENTICATED;
            case 403 -> ErrorKind.PERMISSION_DENIED;
            case 404 -> ErrorKind.NOT_FOUND;
            case 461 -> ErrorKind.UNIMPLEMENTED;
            default -> ErrorKind.UNAVAILABLE;
        };
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    @Override
    public RtspResponse withBody(byte[] newBody) {
        return new RtspResponse(status, reason, headers, newBody);
    }

    /** The body as text (SDP is UTF-8 by RFC 8866). */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The wire form: status line, headers as given (plus Content-Length with a body), body. */
    public byte[] encode() {
        StringBuilder sb = new StringBuilder(256);
        sb.append("RTSP/1.0 ").append(status).append(' ').append(reason).append("\r\n");
        return finish(sb, headers, body);
    }

    static byte[] finish(StringBuilder sb, RtspHeaders headers, byte[] body) {
        for (RtspHeaders.Field f : headers.fields()) {
            if (!f.name().equalsIgnoreCase("Content-Length")) {
                sb.append(f.name()).append(": ").append(f.value()).append("\r\n");
            }
        }
        if (body.length > 0) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        }
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (body.length == 0) {
            return head;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + body.length);
        out.writeBytes(head);
        out.writeBytes(body);
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "RtspResponse[" + status + " " + reason + " " + headers + " body=" + body.length + "B]";
    }
}
