package dev.vigil.ingest.onvif.soap;

import java.util.List;

/**
 * One HTTP answer, its body copied out of Netty's buffers.
 *
 * @param status HTTP status code
 * @param contentType the {@code Content-Type}, or an empty string
 * @param challenges every {@code WWW-Authenticate} value
 * @param body the body bytes (at most the client's limit)
 */
public record HttpAnswer(int status, String contentType, List<String> challenges, byte[] body) {
    public HttpAnswer {
        contentType = contentType == null ? "" : contentType;
        challenges = List.copyOf(challenges);
    }
}
