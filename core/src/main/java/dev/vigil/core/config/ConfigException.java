package dev.vigil.core.config;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.util.List;

/**
 * The configuration is invalid. {@link #problems()} lists every problem found, each starting with
 * the key path it concerns ({@code cameras[gate-3].url: ...}); the message joins them.
 */
public final class ConfigException extends VigilException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(ErrorKind.INVALID_ARGUMENT, String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem, Throwable cause) {
        super(ErrorKind.INVALID_ARGUMENT, problem, cause);
        this.problems = List.of(problem);
    }

    public List<String> problems() {
        return problems;
    }
}
