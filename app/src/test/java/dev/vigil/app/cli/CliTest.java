package dev.vigil.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.app.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return Main.cli().run(args, console);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsCommands() {
        assertEquals(Cli.OK, run(Map.of(), "--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("demo"), help);
        assertTrue(help.contains("run"), help);
    }

    @Test
    void noArgumentsPrintsHelpAndExitsTwo() {
        assertEquals(Cli.USAGE, run(Map.of()));
    }

    @Test
    void commandHelp() {
        assertEquals(Cli.OK, run(Map.of(), "demo", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: ./vigil demo"));
    }

    @Test
    void unknownCommandIsOneLineAndExitTwo() {
        assertEquals(Cli.USAGE, run(Map.of(), "frobnicate"));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith("vigil: unknown command 'frobnicate'"), err());
    }

    @Test
    void unknownOptionIsOneLineAndExitTwo() {
        assertEquals(Cli.USAGE, run(Map.of(), "demo", "--bogus"));
        assertEquals("vigil demo: unknown option --bogus (try --help)", err().strip());
    }

    @Test
    void badNumberIsExitTwo() {
        assertEquals(Cli.USAGE, run(Map.of(), "demo", "--cameras", "many"));
        assertEquals("vigil demo: --cameras must be a whole number, was 'many'", err().strip());
        err.reset();
        assertEquals(Cli.USAGE, run(Map.of(), "demo", "--cameras", "0"));
        assertEquals("vigil demo: --cameras must be within 1..1000, was 0", err().strip());
    }

    @Test
    void runNeedsConfig() {
        assertEquals(Cli.USAGE, run(Map.of(), "run"));
        assertEquals("vigil run: --config FILE is required", err().strip());
    }

    @Test
    void invalidConfigIsExitThreeWithThePath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, "api:\n  port: 99999\n");
        assertEquals(Cli.BAD_CONFIG, run(Map.of(), "run", "--config", file.toString()));
        assertTrue(err().contains("api.port: must be within 0..65535, was 99999"), err());
    }

    @Test
    void missingConfigFileIsExitThree(@TempDir Path dir) {
        assertEquals(Cli.BAD_CONFIG, run(Map.of(), "run", "--config", dir.resolve("nope.yml").toString()));
        assertTrue(err().contains("no such file"), err());
    }

    @Test
    void argumentsParseBothForms() {
        Arguments a = Arguments.parse("x", List.of("--a", "1", "--b=2", "--f", "pos"), Set.of("a", "b"), Set.of("f"));
        assertEquals("1", a.option("a").orElseThrow());
        assertEquals("2", a.option("b").orElseThrow());
        assertTrue(a.flag("f"));
        assertEquals(List.of("pos"), a.positional());
    }

    @Test
    void repeatedOptionAndMissingValue() {
        assertEquals("x: --a given twice", org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
                () -> Arguments.parse("x", List.of("--a", "1", "--a", "2"), Set.of("a"), Set.of())).getMessage());
        assertEquals("x: --a needs a value", org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
                () -> Arguments.parse("x", List.of("--a"), Set.of("a"), Set.of())).getMessage());
    }
}
