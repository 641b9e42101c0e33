package dev.vigil.api.http;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.util.Objects;

/**
 * An INVALID_ARGUMENT error that names the offending field: a JSON path such as
 * {@code sites[1]}, a path or query parameter, or a header such as {@code X-Vigil-Reason}.
 * Answered 400 with {@code details.field}.
 */
public final class FieldError extends VigilException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /** @param message the whole message, which should name the field too */
    public FieldError(String field, String message) {
        super(ErrorKind.INVALID_ARGUMENT, message);
        this.field = Objects.requireNonNull(field, "field");
    }

    public String field() {
        return field;
    }
}
