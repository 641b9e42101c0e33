package dev.vigil.ingest.rtsp;

import java.util.Objects;

/**
 * An RTSP request.
 *
 * @param method e.g. {@code DESCRIBE}, case-sensitive as RFC 2326 says
 * @param uri the request URI, or {@code *}
 * @param headers header fields
 * @param body the body, empty when none
 */
public record RtspRequest(String method, String uri, RtspHeaders headers, byte[] body) implements RtspMessage {
    public RtspRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
        if (method.isEmpty() || method.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("bad RTSP method '" + method + "'");
        }
        if (uri.isEmpty() || uri.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("bad RTSP request URI");
        }
    }

    @Override
    public RtspRequest withBody(byte[] newBody) {
        return new RtspRequest(method, uri, headers, newBody);
    }

    /** The wire form: request line, headers as given (plus Content-Length with a body), body. */
    public byte[] encode() {
        StringBuilder sb = new StringBuilder(256);
        sb.append(method).append(' ').append(uri).append(" RTSP/1.0\r\n");
        return RtspResponse.finish(sb, headers, body);
    }

    /** Method and header names only: the URI and headers may hold credentials. */
    @Override
    public String toString() {
        return "RtspRequest[" + method + " " + headers + " body=" + body.length + "B]";
    }
}
