package dev.vigil.app.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What a command may touch of its process: output streams and the environment (injected so tests
 * can run commands in-process).
 */
public record Console(PrintStream out, PrintStream err, Map<String, String> env) {
    public static Console system() {
        return new Console(System.out, System.err, System.getenv());
    }
}
