package dev.vigil.app.alerts;

import dev.vigil.core.alert.Alert;
import dev.vigil.core.alert.AlertLifecycle;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.storage.catalog.AlertEntry;
import dev.vigil.storage.catalog.AlertRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits alert messages for the lanes: the alert row and its outbox row in one transaction
 * ({@link AlertRepository#publish}), then wakes the publisher. While the catalog is away
 * (UNAVAILABLE) a commit is retried with backoff (100 ms to 5 s), holding the calling lane; any
 * other failure drops that message, logged and counted. Called from the lanes' threads.
 */
final class AlertCommitter {
    private static final Logger log = LoggerFactory.getLogger(AlertCommitter.class);

    private final AlertRepository repository;
    private final AlertPublisher publisher;
    private final AlertMetrics metrics;
    private final Clock clock;

    AlertCommitter(AlertRepository repository, AlertPublisher publisher, AlertMetrics metrics, Clock clock) {
        this.repository = repository;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Commits {@code o}'s next message and updates {@code o}.
     *
     * @param running false stops the retries (the lane is closing)
     * @return whether it was committed
     */
    boolean publish(OpenAlert o, AlertLifecycle lifecycle, Instant detectedAt, BooleanSupplier running) {
        long backoff = 100;
        while (true) {
            Instant now = clock.instant();
            Alert next = o.entry.alert().next(lifecycle, max(detectedAt, o.entry.alert().eventStart()), now);
            AlertEntry entry = o.entry.withAlert(next);
            try {
                repository.publish(entry, now);
                o.entry = entry;
                o.lastPublished = now;
                o.dirty = false;
                metrics.committed(lifecycle.name());
                publisher.wake();
                return true;
            } catch (VigilException e) {
                if (e.kind() != ErrorKind.UNAVAILABLE || !running.getAsBoolean()) {
                    log.error("alert {}: {} not committed: {}", next.alertId(), lifecycle, e.getMessage());
                    metrics.dropped("commit_failed");
                    return false;
                }
                log.warn("alert {}: catalog away, {} retried in {} ms: {}", next.alertId(), lifecycle, backoff,
                        e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                backoff = Math.min(5000, backoff * 2);
            }
        }
    }

    /** Saves an alert's end and clip progress without a message; a failure is logged (CLOSED still comes). */
    void save(OpenAlert o) {
        try {
            repository.save(o.entry, clock.instant());
        } catch (VigilException e) {
            log.warn("alert {}: progress not saved: {}", o.entry.alert().alertId(), e.getMessage());
        }
    }

    static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
