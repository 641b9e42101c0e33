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

    public NodeRunner(Console console) {
        this.console = console;
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
