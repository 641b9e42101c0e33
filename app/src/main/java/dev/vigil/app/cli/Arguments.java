package dev.vigil.app.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The arguments of one command, parsed against the options it declares: {@code --name value},
 * {@code --name=value} and valueless flags; everything else is positional. Unknown options,
 * missing values and repeated options are {@link UsageException}s.
 */
public final class Arguments {
    private final String command;
    private final Map<String, String> options;
    private final Set<String> flags;
    private final List<String> positional;

    private Arguments(String command, Map<String, String> options, Set<String> flags, List<String> positional) {
        this.command = command;
        this.options = Map.copyOf(options);
        this.flags = Set.copyOf(flags);
        this.positional = List.copyOf(positional);
    }

    /**
     * @param command the command's name, for messages
     * @param args what followed the command name
     * @param valued options that take a value, without {@code --}
     * @param valueless flags, without {@code --}
     */
    public static Arguments parse(String command, List<String> args, Set<String> valued, Set<String> valueless) {
        Map<String, String> options = new HashMap<>();
        Set<String> flags = new java.util.HashSet<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.equals("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (valueless.contains(name)) {
                if (value != null) {
                    throw new UsageException(command + ": --" + name + " takes no value");
                }
                flags.add(name);
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new UsageException(command + ": --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                if (options.put(name, value) != null) {
                    throw new UsageException(command + ": --" + name + " given twice");
                }
            } else {
                throw new UsageException(command + ": unknown option --" + name + " (try --help)");
            }
        }
        return new Arguments(command, options, flags, positional);
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** An option that must be a whole number within {@code min..max}. */
    public Optional<Integer> intOption(String name, int min, int max) {
        return option(name).map(v -> {
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) {
                    throw new UsageException(command + ": --" + name + " must be within " + min + ".." + max
                            + ", was " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new UsageException(command + ": --" + name + " must be a whole number, was '" + v + "'");
            }
        });
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public List<String> positional() {
        return positional;
    }

    /** Fails unless there are exactly {@code count} positional arguments, described by {@code what}. */
    public void expectPositional(int count, String what) {
        if (positional.size() != count) {
            throw new UsageException(command + ": expected " + what + ", got "
                    + (positional.isEmpty() ? "nothing" : String.join(" ", positional)));
        }
    }
}
