package dev.vigil.app.cli;

import java.util.List;

/** One {@code ./vigil} subcommand. */
public interface Command {
    /** The word that selects it, e.g. {@code demo}. */
    String name();

    /** One line for {@code ./vigil --help}. */
    String summary();

    /** The full usage text for {@code ./vigil NAME --help}. */
    String usage();

    /**
     * Runs the command.
     *
     * @return the process exit status
     * @throws UsageException for bad arguments (exit 2)
     */
    int run(List<String> args, Console console) throws Exception;
}
