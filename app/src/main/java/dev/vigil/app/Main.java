package dev.vigil.app;

import dev.vigil.app.cli.AnalyzeCommand;
import dev.vigil.app.cli.Cli;
import dev.vigil.app.cli.Console;
import dev.vigil.app.cli.DemoCommand;
import dev.vigil.app.cli.ExportCommand;
import dev.vigil.app.cli.OnvifCommand;
import dev.vigil.app.cli.ProbeCommand;
import dev.vigil.app.cli.RunCommand;
import dev.vigil.app.cli.TokenCommand;
import java.util.List;

/** The {@code vigil} process. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int status = cli().run(args, Console.system());
        System.out.flush();
        System.exit(status);
    }

    /** Every command of {@code ./vigil}. */
    public static Cli cli() {
        return new Cli(List.of(new DemoCommand(), new RunCommand(), new ProbeCommand(), new ExportCommand(),
                new OnvifCommand(), new TokenCommand(),
                new AnalyzeCommand()));
    }
}
