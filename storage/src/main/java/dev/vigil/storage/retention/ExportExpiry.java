package dev.vigil.storage.retention;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.export.ExportJob;
import dev.vigil.storage.catalog.ExportJobRepository;
import dev.vigil.storage.export.ExportObjects;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Retention's part for evidence exports: deletes the files of done export jobs that finished at
 * least {@link RetentionPolicy#exportRetention()} ago and marks the jobs {@code expired}. Called
 * by {@link RetentionWorker} on each run.
 *
 * <p>Per job: the policy re-checks it ({@link RetentionPolicy#exportExpired}), its objects are
 * removed ({@link ExportObjects#remove}: missing ones count as removed), and only then its row is
 * marked expired (naming the state it expects, {@code done}, so a job deleted through the API
 * meanwhile is left as it is). When the mark fails after the objects went, the job is still
 * {@code done} and the next run removes nothing more and marks it. Queued and running jobs are never
 * selected. One log line per expired job (MDC {@code camera}).
 *
 * <p>Failures: a job that fails for its own reasons is counted and skipped; UNAVAILABLE,
 * DEADLINE_EXCEEDED, UNAUTHENTICATED or PERMISSION_DENIED (store or catalog down) ends this part
 * of the run. Not thread-safe: the worker calls it from its one thread.
 */
public final class ExportExpiry {
    private static final Logger log = LoggerFactory.getLogger(ExportExpiry.class);
    private static final Set<ErrorKind> STOPS = Set.of(ErrorKind.UNAVAILABLE, ErrorKind.DEADLINE_EXCEEDED,
            ErrorKind.UNAUTHENTICATED, ErrorKind.PERMISSION_DENIED);

    /**
     * What one pass did.
     *
     * @param expired jobs whose files were deleted and which were marked expired
     * @param bytes bytes of the files deleted
     * @param failures jobs whose expiry failed; they stay done for the next run
     * @param finished false if the pass stopped early (store or catalog unavailable, batch limit)
     */
    public record Result(int expired, long bytes, int failures, boolean finished) {
        static final Result NOTHING = new Result(0, 0, 0, true);
    }

    private final ExportJobRepository jobs;
    private final ExportObjects objects;
    private final Clock clock;

    /** @param objects the exports bucket's files */
    public ExportExpiry(ExportJobRepository jobs, ExportObjects objects, Clock clock) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.objects = Objects.requireNonNull(objects, "objects");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Expires what {@code policy} says has expired at {@code now}, in batches of {@code batchSize}
     * jobs, at most {@code maxBatches}. Never throws for a failed job or an unavailable catalog.
     */
    Result run(RetentionPolicy policy, Instant now, int batchSize, int maxBatches, RetentionListener listener) {
        Optional<Instant> cutoff = policy.exportCutoff(now);
        if (cutoff.isEmpty()) {
            return Result.NOTHING;
        }
        int expired = 0;
        long bytes = 0;
        int failures = 0;
        ExportJob cursor = null;
        try {
            for (int batches = 0; ; batches++) {
                if (batches == maxBatches) {
                    log.warn("retention: reached {} batches of export jobs; the next run goes on", maxBatches);
                    return new Result(expired, bytes, failures, false);
                }
                List<ExportJob> batch = jobs.doneBefore(cutoff.get(), cursor, batchSize);
                for (ExportJob job : batch) {
                    if (!policy.exportExpired(job, now)) {
                        continue;
                    }
                    try {
                        long removed = expire(job);
                        if (removed >= 0) {
                            expired++;
                            bytes += removed;
                            listener.exportExpired(job, removed);
                        }
                    } catch (VigilException e) {
                        failures++;
                        listener.exportFailed(job, e);
                        if (STOPS.contains(e.kind())) {
                            log.warn("retention: export expiry stopped early at job {}: {}", job.id(), e.getMessage());
                            return new Result(expired, bytes, failures, false);
                        }
                        log.warn("retention: cannot expire export job {}: {}; it stays for the next run", job.id(),
                                e.getMessage());
                    }
                }
                if (batch.size() < batchSize) {
                    return new Result(expired, bytes, failures, true);
                }
                cursor = batch.get(batch.size() - 1);
            }
        } catch (VigilException e) {
            // The catalog failed while selecting: the next run goes on.
            log.warn("retention: export expiry stopped early: {}", e.getMessage());
            return new Result(expired, bytes, failures, false);
        }
    }

    /**
     * Removes the job's files, then marks it expired; returns the bytes removed, or -1 when the job
     * was no longer done (deleted through the API meanwhile).
     */
    private long expire(ExportJob job) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable("camera", job.order().camera().value())) {
            long removed = objects.remove(job);
            Instant at = clock.instant();
            if (jobs.markRemoved(job.id(), ExportJob.State.EXPIRED, at)) {
                log.info("retention: export job {} expired: {} file(s), {} bytes removed from {} (camera {} {},"
                        + " finished {}, reason: {})", job.id(), job.files().size(), removed, objects.bucket(),
                        job.order().camera(), job.order().range(), job.finishedAt(), job.order().reason());
                return removed;
            }
            return -1;
        }
    }
}
