package dev.vigil.ingest.onvif;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;

/**
 * A call to an ONVIF device failed; {@link #failure()} says why in operator terms. The message
 * names the device or service URL (never with credentials) and never contains a secret.
 */
public final class OnvifException extends VigilException {
    private static final long serialVersionUID = 1L;

    private final OnvifFailure failure;

    public OnvifException(OnvifFailure failure, String message) {
        this(failure, failure.kind(), message, null);
    }

    public OnvifException(OnvifFailure failure, String message, Throwable cause) {
        this(failure, failure.kind(), message, cause);
    }

    /** @param kind overrides the failure's own kind, e.g. RESOURCE_EXHAUSTED for a size limit */
    public OnvifException(OnvifFailure failure, ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
        this.failure = failure;
    }

    public OnvifFailure failure() {
        return failure;
    }

    /** The failure of any exception: this one's, or the closest one for a plain {@link VigilException}. */
    public static OnvifFailure failureOf(VigilException e) {
        if (e instanceof OnvifException o) {
            return o.failure();
        }
        return switch (e.kind()) {
            case UNAUTHENTICATED, PERMISSION_DENIED -> OnvifFailure.UNAUTHORIZED;
            case DEADLINE_EXCEEDED -> OnvifFailure.TIMEOUT;
            case UNAVAILABLE -> OnvifFailure.UNREACHABLE;
            case UNIMPLEMENTED -> OnvifFailure.UNSUPPORTED;
            default -> OnvifFailure.PROTOCOL_ERROR;
        };
    }
}
