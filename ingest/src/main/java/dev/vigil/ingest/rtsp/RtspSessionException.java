package dev.vigil.ingest.rtsp;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;

/** An RTSP session ended with an error; {@link #failure()} says why in operator terms. */
public final class RtspSessionException extends VigilException {
    private static final long serialVersionUID = 1L;

    private final SessionFailure failure;
    private final String location;

    public RtspSessionException(ErrorKind kind, SessionFailure failure, String message, Throwable cause) {
        this(kind, failure, message, cause, null);
    }

    /** @param location for {@link SessionFailure#REDIRECTED}, the URL to go to */
    public RtspSessionException(ErrorKind kind, SessionFailure failure, String message, Throwable cause,
            String location) {
        super(kind, message, cause);
        this.failure = failure;
        this.location = location;
    }

    /** Where a redirect points, or {@code null}. */
    public String location() {
        return location;
    }

    public SessionFailure failure() {
        return failure;
    }

    /** The failure of any exception: this one's, or the one its kind stands for. */
    public static SessionFailure failureOf(VigilException e) {
        return e instanceof RtspSessionException r ? r.failure() : SessionFailure.of(e.kind());
    }
}
