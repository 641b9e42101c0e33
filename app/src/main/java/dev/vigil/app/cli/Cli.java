package dev.vigil.app.cli;

import dev.vigil.core.config.ConfigException;
import dev.vigil.core.error.VigilException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dispatches {@code ./vigil COMMAND ...} to its {@link Command}. Exit status: 0 success, 1 the
 * command failed, 2 bad arguments, 3 invalid configuration; {@code probe} and {@code onvif} return
 * their own statuses from 4 up (see their usage). Errors are one line on stderr.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int BAD_CONFIG = 3;

    private final Map<String, Command> commands = new LinkedHashMap<>();

    public Cli(List<Command> commands) {
        for (Command c : commands) {
            this.commands.put(c.name(), c);
        }
    }

    public int run(String[] args, Console console) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            if (args.length > 1 && commands.containsKey(args[1])) {
                console.out().println(commands.get(args[1]).usage());
            } else {
                console.out().print(help());
            }
            return args.length == 0 ? USAGE : OK;
        }
        if (args[0].equals("--version") || args[0].equals("version")) {
            console.out().println("vigil " + version());
            return OK;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            console.err().println("vigil: unknown command '" + args[0] + "' (commands: "
                    + String.join(", ", commands.keySet()) + "; see ./vigil --help)");
            return USAGE;
        }
        List<String> rest = List.of(args).subList(1, args.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            console.out().println(command.usage());
            return OK;
        }
        try {
            return command.run(rest, console);
        } catch (UsageException e) {
            console.err().println("vigil " + e.getMessage());
            return USAGE;
        } catch (ConfigException e) {
            console.err().println("vigil " + command.name() + ": invalid configuration: " + e.getMessage());
            return BAD_CONFIG;
        } catch (VigilException e) {
            console.err().println("vigil " + command.name() + ": " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            console.err().println("vigil " + command.name() + ": interrupted");
            return FAILED;
        } catch (Exception e) {
            console.err().println("vigil " + command.name() + ": " + e);
            return FAILED;
        }
    }

    String help() {
        StringBuilder b = new StringBuilder();
        b.append("Vigil: video surveillance ingest and analytics engine\n\n");
        b.append("Usage: ./vigil COMMAND [OPTIONS]    (./vigil COMMAND --help for its options)\n\nCommands:\n");
        for (Command c : commands.values()) {
            b.append(String.format("  %-10s %s%n", c.name(), c.summary()));
        }
        b.append("\nExit status: 0 ok, 1 failed, 2 bad arguments, 3 invalid configuration; probe and onvif add\n"
                + "their own (4 and up, see ./vigil probe --help and ./vigil onvif --help).\n");
        return b.toString();
    }

    static String version() {
        String v = Cli.class.getPackage().getImplementationVersion();
        return v != null ? v : "development";
    }
}
