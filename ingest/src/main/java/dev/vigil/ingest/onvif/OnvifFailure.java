package dev.vigil.ingest.onvif;

import dev.vigil.core.error.ErrorKind;

/** Why a call to an ONVIF device failed, in the words an operator or {@code vigil onvif} uses. */
public enum OnvifFailure {
    /** The device refused the login: HTTP 401, or a SOAP fault {@code ter:NotAuthorized} (quirk 42). */
    UNAUTHORIZED("unauthorized", ErrorKind.UNAUTHENTICATED),
    /** No TCP connection, or it closed before an answer. */
    UNREACHABLE("unreachable", ErrorKind.UNAVAILABLE),
    /** No answer in time. */
    TIMEOUT("timeout", ErrorKind.DEADLINE_EXCEEDED),
    /** Something answered, but not an ONVIF SOAP 1.2 service (HTML, 404, another XML vocabulary). */
    NOT_ONVIF("not an ONVIF device", ErrorKind.FAILED_PRECONDITION),
    /** The device answered the request with a SOAP fault other than an authentication one. */
    FAULT("SOAP fault", ErrorKind.FAILED_PRECONDITION),
    /** The answer breaks XML, SOAP or ONVIF rules or a limit (size, DOCTYPE, missing element). */
    PROTOCOL_ERROR("protocol error", ErrorKind.DATA_LOSS),
    /** The device has nothing Vigil can use (no media service, no H.264/H.265 profile). */
    UNSUPPORTED("unsupported", ErrorKind.UNIMPLEMENTED);

    private final String label;
    private final ErrorKind kind;

    OnvifFailure(String label, ErrorKind kind) {
        this.label = label;
        this.kind = kind;
    }

    /** A short lower-case label, e.g. {@code not an ONVIF device}. */
    public String label() {
        return label;
    }

    /** The error kind an exception of this failure carries. */
    public ErrorKind kind() {
        return kind;
    }
}
