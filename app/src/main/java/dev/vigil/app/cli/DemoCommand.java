package dev.vigil.app.cli;

import dev.vigil.app.NodeRunner;
import dev.vigil.core.config.ConfigLoader;
import dev.vigil.core.config.NodeConfig;
import dev.vigil.core.config.SimulatorConfig;
import dev.vigil.core.config.VigilConfig;
import java.util.List;
import java.util.Set;

/**
 * {@code ./vigil demo}: the embedded defaults plus simulated cameras, ingested like real ones.
 * The cameras and their site are added by the node once the simulator has started (see
 * {@link NodeRunner}); everything else comes from the defaults and {@code VIGIL_*} variables.
 */
public final class DemoCommand implements Command {
    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "run on embedded services with simulated cameras over real RTSP";
    }

    @Override
    public String usage() {
        return """
                Usage: ./vigil demo [--data-dir DIR] [--cameras N] [--seconds N]

                Starts the embedded S3 server, Kafka broker and catalog, simulated cameras served
                over RTSP from inside the process, and ingests them. All bound to 127.0.0.1.
                When the catalog has no admin token yet, prints one, once, for the HTTP API
                (VIGIL_BOOTSTRAP_TOKEN, if set, is stored as the admin token instead).

                  --data-dir DIR   where data lives (default vigil-data)
                  --cameras N      number of simulated cameras (default 2)
                  --seconds N      stop after N seconds (default: run until Ctrl-C / SIGTERM)""";
    }

    @Override
    public int run(List<String> argList, Console console) throws Exception {
        Arguments args = Arguments.parse(name(), argList, Set.of("data-dir", "cameras", "seconds"), Set.of());
        args.expectPositional(0, "no positional arguments");
        VigilConfig config = new ConfigLoader(console.env()).load();
        SimulatorConfig sim = config.simulator();
        int cameras = args.intOption("cameras", 1, 1000).orElse(sim.cameras());
        config = config.withSimulator(new SimulatorConfig(true, sim.bind(), sim.port(), cameras, sim.width(),
                sim.height(), sim.fps(), sim.seconds(), sim.gopSeconds(), sim.bitrateKbps()));
        config = withDataDir(config, args);
        return new NodeRunner(console, true).runUntilStopped(config, args.intOption("seconds", 1, Integer.MAX_VALUE));
    }

    static VigilConfig withDataDir(VigilConfig config, Arguments args) {
        return args.option("data-dir")
                .map(dir -> config.withNode(new NodeConfig(config.node().id(), dir)))
                .orElse(config);
    }
}
