package dev.vigil.app;

import dev.vigil.app.cli.Cli;
import dev.vigil.app.cli.Console;
import dev.vigil.core.config.VigilConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link VigilNode} in the foreground for {@code run} and {@code demo}: starts it, prints
 * where everything is, prints camera status every {@link #STATUS_INTERVAL}, and closes it on
 * SIGINT/SIGTERM or after the requested number of seconds.
 */
public final class NodeRunner {
    static final Duration STATUS_INTERVAL = Duration.ofSeconds(10);
    /** How long a signal waits for an orderly close before closing from the signal thread. */
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(45);

    private final Console console;
    private final boolean printFirstAdminToken;

    /**
     * @param printFirstAdminToken whether to make and print an admin token when the catalog has
     *     none ({@code demo}); {@code run} leaves that to {@code VIGIL_BOOTSTRAP_TOKEN} or
     *     {@code ./vigil token create}, so that no secret lands in a service's captured output
     */
    public NodeRunner(Console console, boolean printFirstAdminToken) {
        this.console = console;
        this.printFirstAdminToken = printFirstAdminToken;
    }

    public int runUntilStopped(VigilConfig config, Optional<Integer> seconds) throws Exception {
        long startNanos = System.nanoTime();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        VigilNode node = VigilNode.start(config, console.env());
        // On SIGINT/SIGTERM: wake the main thread and give it time to close the node in order.
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                if (!stopped.await(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    node.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vigil-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            long startedMs = (System.nanoTime() - startNanos) / 1_000_000;
            console.out().println("Vigil " + config.node().id() + " ready in " + startedMs + " ms ("
                    + ProcessMemory.describe() + ")");
            node.endpoints().forEach((what, where) -> console.out().printf("  %-14s %s%n", what, where));
            if (printFirstAdminToken) {
                node.api().issueFirstAdminToken().ifPresent(t -> {
                    console.out().println("  API admin token (" + t.token().id() + "), shown only this once:");
                    console.out().println("    " + t.secret());
                    console.out().println("    e.g. curl -H 'Authorization: Bearer " + t.secret() + "' http://"
                            + config.api().bind() + ":" + node.api().port() + "/api/v1/me");
                });
            }
            console.out().flush();
            long deadline = seconds.map(s -> System.nanoTime() + TimeUnit.SECONDS.toNanos(s)).orElse(Long.MAX_VALUE);
            while (true) {
                long left = deadline - System.nanoTime();
                long wait = Math.min(left, STATUS_INTERVAL.toNanos());
                if (wait <= 0 || stop.await(wait, TimeUnit.NANOSECONDS)) {
                    break;
                }
                node.statusLines().forEach(console.out()::println);
                console.out().flush();
            }
            node.statusLines().forEach(console.out()::println);
            console.out().println("Vigil stopping (" + ProcessMemory.describe() + ")");
        } finally {
            node.close();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running already and closes the node itself.
            }
        }
        return Cli.OK;
    }
}
