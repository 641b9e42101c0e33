package dev.vigil.app.cli;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;

/** Bad command-line arguments: the CLI prints the one-line message and exits with status 2. */
public final class UsageException extends VigilException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(ErrorKind.INVALID_ARGUMENT, message);
    }
}
