package dev.vigil.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code --name value} arguments of the load and latency runs. A run reads them with
 * {@link Map#getOrDefault}; a name without a value or a value without a name stops the run with a
 * message rather than being dropped.
 */
public final class RunOptions {
    private RunOptions() {}

    /**
     * @return name (without the leading dashes) to value, in the order given
     * @throws IllegalArgumentException for an argument that is not {@code --name} followed by a value
     */
    public static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || args[i].length() == 2) {
                throw new IllegalArgumentException("expected --name value, got '" + args[i] + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        return Collections.unmodifiableMap(opts);
    }
}
