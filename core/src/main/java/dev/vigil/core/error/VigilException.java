package dev.vigil.core.error;

import java.util.Objects;

/**
 * The one exception family of Vigil. The message is meant for a user: it names the thing that
 * failed (camera, key path, peer) and never contains a secret.
 */
public class VigilException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;

    public VigilException(ErrorKind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public VigilException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public ErrorKind kind() {
        return kind;
    }

    public static VigilException invalid(String message) {
        return new VigilException(ErrorKind.INVALID_ARGUMENT, message);
    }

    public static VigilException unavailable(String message, Throwable cause) {
        return new VigilException(ErrorKind.UNAVAILABLE, message, cause);
    }
}
