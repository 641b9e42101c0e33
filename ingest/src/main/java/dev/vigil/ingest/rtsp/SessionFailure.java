package dev.vigil.ingest.rtsp;

import dev.vigil.core.error.ErrorKind;

/** Why an RTSP session ended, in the words an operator or {@code vigil probe} uses. */
public enum SessionFailure {
    /** 401/403, or credentials refused. */
    UNAUTHORIZED("unauthorized"),
    /** 404: no such stream. */
    NOT_FOUND("not found"),
    /** A request went unanswered, or RTP stopped arriving. */
    TIMEOUT("timeout"),
    /** The camera offers no video track that Vigil can ingest. */
    UNSUPPORTED_CODEC("unsupported codec"),
    /** The camera refused the transport (461) or answered with one Vigil did not ask for. */
    TRANSPORT_REFUSED("transport refused"),
    /** No TCP connection, or it closed. */
    UNREACHABLE("unreachable"),
    /** The camera sent something that breaks the protocol or a limit. */
    PROTOCOL_ERROR("protocol error"),
    /** The camera answered with a redirect (3xx) to another URL. */
    REDIRECTED("redirected");

    private final String label;

    SessionFailure(String label) {
        this.label = label;
    }

    /** A short lower-case label, e.g. {@code transport refused}. */
    public String label() {
        return label;
    }

    /** The failure that an error of {@code kind} stands for, where nothing more specific is known. */
    public static SessionFailure of(ErrorKind kind) {
        return switch (kind) {
            case UNAUTHENTICATED, PERMISSION_DENIED -> UNAUTHORIZED;
            case NOT_FOUND -> NOT_FOUND;
            case DEADLINE_EXCEEDED -> TIMEOUT;
            case UNIMPLEMENTED -> UNSUPPORTED_CODEC;
            case UNAVAILABLE -> UNREACHABLE;
            default -> PROTOCOL_ERROR;
        };
    }
}
