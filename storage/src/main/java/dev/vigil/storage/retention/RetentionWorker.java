package dev.vigil.storage.retention;

import dev.vigil.core.config.ObjectStoreConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.storage.catalog.CatalogItem;
import dev.vigil.storage.catalog.DeletionReason;
import dev.vigil.storage.catalog.ItemType;
import dev.vigil.storage.catalog.RetentionRepository;
import dev.vigil.storage.object.ObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Deletes what retention says may go, in bounded batches: first every camera's expired recordings
 * and clips, then, while the recordings exceed the storage budget, the oldest recordings, then the
 * files of expired evidence exports ({@link ExportExpiry}, when given; it runs even when the
 * recordings' part stopped early, so a backlog of recordings never starves it). See
 * {@link RetentionPolicy} for the rules.
 *
 * <p>Per item: check that no legal hold has been placed on it since its batch was selected, remove
 * its object (an object already missing counts as removed), then delete its row and log the
 * deletion in the {@code deletions} table, in one transaction. The row never goes before the
 * object: if removing the object fails, the row stays and the next run retries. If the row delete
 * fails after the object went, the next run finds the object missing and deletes the row.
 *
 * <p>Failures: an item that fails for its own reasons (e.g. INVALID_ARGUMENT) is counted and
 * skipped; a failure that means the store or the catalog is down (UNAVAILABLE,
 * DEADLINE_EXCEEDED, UNAUTHENTICATED, PERMISSION_DENIED) ends the run early. A run also ends after
 * {@link Settings#maxBatches()} batches. Each batch is logged on one line (with MDC {@code camera});
 * every deletion and failure goes to the {@link RetentionListener} (metrics).
 *
 * <p>Threading: {@link #runOnce()} is meant to be called periodically from one thread (a scheduled
 * executor); concurrent calls run one after the other. Time comes from the injected {@link Clock}.
 *
 * <p>Implementation note: the hold re-check narrows, but does not close, the race with a hold
 * placed in the milliseconds between that check and the object's removal; closing it would need a
 * lock shared with hold placement.
 */
public final class RetentionWorker {
    private static final Logger log = LoggerFactory.getLogger(RetentionWorker.class);
    private static final Set<ErrorKind> STOPS_THE_RUN = Set.of(ErrorKind.UNAVAILABLE, ErrorKind.DEADLINE_EXCEEDED,
            ErrorKind.UNAUTHENTICATED, ErrorKind.PERMISSION_DENIED);

    /**
     * How much one run does.
     *
     * @param batchSize rows selected and deleted per batch, 1..{@link RetentionRepository#MAX_BATCH}; default 500
     * @param maxBatches batches per run, at least 1; default 1000
     */
    public record Settings(int batchSize, int maxBatches) {
        public Settings {
            if (batchSize < 1 || batchSize > RetentionRepository.MAX_BATCH) {
                throw VigilException.invalid("retention batch size must be within 1.." + RetentionRepository.MAX_BATCH
                        + ", was " + batchSize);
            }
            if (maxBatches < 1) {
                throw VigilException.invalid("retention batches per run must be at least 1, was " + maxBatches);
            }
        }

        public static Settings defaults() {
            return new Settings(500, 1000);
        }
    }

    private final RetentionRepository catalog;
    private final ObjectStore store;
    private final String segmentsBucket;
    private final String clipsBucket;
    private final Supplier<RetentionPolicy> policy;
    private final Clock clock;
    private final Settings settings;
    private final RetentionListener listener;
    private final ExportExpiry exports;

    /**
     * A worker for recordings and clips only: evidence exports are left alone.
     *
     * @param buckets where the objects are ({@code segmentsBucket}, {@code clipsBucket})
     * @param policy read at the start of each run, so configuration changes apply to the next run
     */
    public RetentionWorker(RetentionRepository catalog, ObjectStore store, ObjectStoreConfig buckets,
            Supplier<RetentionPolicy> policy, Clock clock, Settings settings, RetentionListener listener) {
        this(catalog, store, buckets, policy, clock, settings, listener, null);
    }

    /**
     * @param buckets where the objects are ({@code segmentsBucket}, {@code clipsBucket})
     * @param policy read at the start of each run, so configuration changes apply to the next run
     * @param exports expires evidence exports by the policy's {@code exportRetention}; {@code null}
     *     for none
     */
    public RetentionWorker(RetentionRepository catalog, ObjectStore store, ObjectStoreConfig buckets,
            Supplier<RetentionPolicy> policy, Clock clock, Settings settings, RetentionListener listener,
            ExportExpiry exports) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.store = Objects.requireNonNull(store, "store");
        this.segmentsBucket = Objects.requireNonNull(buckets, "buckets").segmentsBucket();
        this.clipsBucket = buckets.clipsBucket();
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.exports = exports;
    }

    /** Runs one pass (expiry, then budget) and returns what it did. Never throws for a failed item. */
    public synchronized RetentionRun runOnce() {
        Instant now = clock.instant();
        RetentionPolicy current = policy.get();
        Tally tally = new Tally();
        try {
            for (ItemType type : ItemType.values()) {
                expire(type, current, now, tally);
            }
            if (current.hasBudget()) {
                trimToBudget(current, tally);
            }
        } catch (StopRun stop) {
            tally.finished = false;
            log.warn("retention: run stopped early: {}", stop.getMessage());
        } catch (VigilException e) {
            // The catalog failed while selecting: retry next run.
            tally.finished = false;
            log.warn("retention: run stopped early: {}", e.getMessage());
        }
        ExportExpiry.Result exported = exports == null ? ExportExpiry.Result.NOTHING
                : exports.run(current, now, settings.batchSize(), settings.maxBatches(), listener);
        RetentionRun run = new RetentionRun(tally.expired, tally.budget, tally.bytes, tally.held,
                tally.failures + exported.failures(), tally.finished && exported.finished(), exported.expired(),
                exported.bytes());
        if (run.deleted() > 0 || run.exportsExpired() > 0 || run.failures() > 0 || !run.finished()) {
            log.info("retention: run done: {} expired and {} over budget deleted ({} bytes), {} held back, {} export"
                    + " job(s) expired ({} bytes), {} failed{}", run.expired(), run.budget(), run.bytes(), run.held(),
                    run.exportsExpired(), run.exportBytes(), run.failures(), run.finished() ? "" : ", not finished");
        }
        return run;
    }

    private void expire(ItemType type, RetentionPolicy current, Instant now, Tally tally) {
        Optional<CameraId> camera = catalog.nextCamera(type, null);
        while (camera.isPresent()) {
            CameraId id = camera.get();
            CameraKind recordedKind = current.needsRecordedKind(id) ? catalog.lastKind(type, id).orElse(null) : null;
            Instant cutoff = current.cutoff(id, recordedKind, now);
            CatalogItem cursor = null;
            while (true) {
                tally.startBatch(settings);
                List<CatalogItem> batch = catalog.expired(type, id, cutoff, cursor, settings.batchSize());
                if (batch.isEmpty()) {
                    break;
                }
                deleteBatch(batch, DeletionReason.EXPIRED, Long.MAX_VALUE, tally);
                if (batch.size() < settings.batchSize()) {
                    break;
                }
                cursor = batch.get(batch.size() - 1);
            }
            camera = catalog.nextCamera(type, id);
        }
    }

    private void trimToBudget(RetentionPolicy current, Tally tally) {
        long stored = catalog.recordingBytes();
        long excess = current.excessBytes(stored);
        CatalogItem cursor = null;
        while (excess > 0) {
            tally.startBatch(settings);
            List<CatalogItem> batch = catalog.oldestRecordings(cursor, settings.batchSize());
            if (batch.isEmpty()) {
                log.warn("retention: recordings are {} bytes over the budget of {} bytes, and every recording"
                        + " left is under legal hold (or failed to delete this run)", excess, current.budgetBytes());
                return;
            }
            excess -= deleteBatch(batch, DeletionReason.BUDGET, excess, tally);
            cursor = batch.get(batch.size() - 1);
        }
    }

    /** Deletes the batch's items until {@code bytesWanted} are gone; returns the bytes deleted. */
    private long deleteBatch(List<CatalogItem> batch, DeletionReason reason, long bytesWanted, Tally tally) {
        CatalogItem first = batch.get(0);
        long bytes = 0;
        int deleted = 0;
        int held = tally.held;
        int failures = tally.failures;
        try (MDC.MDCCloseable ignored = MDC.putCloseable("camera", reason == DeletionReason.EXPIRED
                ? first.camera().value() : "*")) {
            for (CatalogItem item : batch) {
                if (bytes >= bytesWanted) {
                    break;
                }
                if (delete(item, reason, tally)) {
                    bytes += item.bytes();
                    deleted++;
                }
            }
            log.info("retention: deleted {} of {} {}s ({} bytes), reason {}, from {}{}{}", deleted, batch.size(),
                    first.type().label(), bytes, reason.label(), first.start(),
                    tally.held > held ? ", " + (tally.held - held) + " newly held" : "",
                    tally.failures > failures ? ", " + (tally.failures - failures) + " failed" : "");
        }
        return bytes;
    }

    /** Deletes one item: hold check, object, row. Returns whether it is gone. */
    private boolean delete(CatalogItem item, DeletionReason reason, Tally tally) {
        String bucket = item.type() == ItemType.RECORDING ? segmentsBucket : clipsBucket;
        try {
            if (catalog.isHeld(item)) {
                tally.held++;
                return false;
            }
            try {
                store.remove(bucket, item.objectKey());
            } catch (VigilException e) {
                if (e.kind() != ErrorKind.NOT_FOUND) {
                    throw e;
                }
                log.debug("retention: {} was already gone from {} ({})", item.objectKey(), bucket, e.getMessage());
            }
            if (catalog.deleteAndLog(item, reason, bucket, clock.instant())) {
                tally.deleted(item, reason);
                listener.deleted(item, reason);
            }
            return true;
        } catch (VigilException e) {
            tally.failures++;
            listener.failed(item, e);
            if (STOPS_THE_RUN.contains(e.kind())) {
                throw new StopRun(item + ": " + e.getMessage());
            }
            log.warn("retention: cannot delete {}: {}; the row stays for the next run", item, e.getMessage());
            return false;
        }
    }

    /** Counts of one run. */
    private static final class Tally {
        int expired;
        int budget;
        long bytes;
        int held;
        int failures;
        int batches;
        boolean finished = true;

        void startBatch(Settings settings) {
            if (++batches > settings.maxBatches()) {
                throw new StopRun("reached " + settings.maxBatches() + " batches; the next run goes on");
            }
        }

        void deleted(CatalogItem item, DeletionReason reason) {
            if (reason == DeletionReason.EXPIRED) {
                expired++;
            } else {
                budget++;
            }
            bytes += item.bytes();
        }
    }

    /** Ends a run early; the next run picks up where this one stopped. */
    private static final class StopRun extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopRun(String message) {
            super(message, null, false, false);
        }
    }
}
