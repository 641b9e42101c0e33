package dev.vigil.app.cli;

import dev.vigil.app.NodeRunner;
import dev.vigil.core.config.ConfigLoader;
import dev.vigil.core.config.VigilConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code ./vigil run --config FILE [--data-dir DIR]}: runs a node until it is stopped. */
public final class RunCommand implements Command {
    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "run Vigil from a configuration file";
    }

    @Override
    public String usage() {
        return """
                Usage: ./vigil run --config FILE [--data-dir DIR] [--seconds N]

                Runs Vigil from FILE (YAML; see vigil.example.yml). Endpoints left empty in the file
                (objectStore.endpoint, kafka.bootstrapServers, catalog.jdbcUrl) start the embedded
                server. VIGIL_* environment variables override the file.

                  --config FILE    the configuration file (required)
                  --data-dir DIR   overrides node.dataDir
                  --seconds N      stop after N seconds (default: run until Ctrl-C / SIGTERM)""";
    }

    @Override
    public int run(List<String> argList, Console console) throws Exception {
        Arguments args = Arguments.parse(name(), argList, Set.of("config", "data-dir", "seconds"), Set.of());
        args.expectPositional(0, "no positional arguments");
        String file = args.option("config").orElseThrow(() -> new UsageException("run: --config FILE is required"));
        VigilConfig config = new ConfigLoader(console.env()).load(Path.of(file));
        config = DemoCommand.withDataDir(config, args);
        return new NodeRunner(console, false).runUntilStopped(config, args.intOption("seconds", 1, Integer.MAX_VALUE));
    }
}
