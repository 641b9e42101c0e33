package dev.vigil.core.port;

import dev.vigil.core.export.ExportDownload;
import dev.vigil.core.export.ExportJob;
import dev.vigil.core.export.ExportOrder;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Evidence export jobs (storage runs them; the API's export routes call this). A job stitches the
 * camera's recordings over the range into MP4 parts with a manifest signed by the node's Ed25519
 * key, and stores the files where any node can serve them. Thread-safe. Failures are
 * {@link dev.vigil.core.error.VigilException}s.
 */
public interface EvidenceExports {
    /**
     * Records a queued job, hands it to {@code beforeStart} (the caller's audit), and only then lets
     * it run; returns it at once ({@link ExportJob.State#QUEUED}). When {@code beforeStart} throws,
     * the job is failed without running and the exception propagates: an export that cannot be
     * audited does not happen.
     *
     * @throws dev.vigil.core.error.VigilException RESOURCE_EXHAUSTED when too many jobs wait;
     *     UNAVAILABLE when the job cannot be recorded
     */
    ExportJob submit(ExportOrder order, Consumer<ExportJob> beforeStart);

    /** The job with this id, as it stands now. */
    Optional<ExportJob> find(String id);

    /**
     * A file of a finished job.
     *
     * @throws dev.vigil.core.error.VigilException NOT_FOUND when the job or file does not exist or
     *     the job is not done; GONE when the job's files were removed (expired or deleted)
     */
    ExportDownload download(String id, String fileName);

    /**
     * Deletes a done job's files from the store at once and marks it {@link ExportJob.State#DELETED};
     * {@code beforeDelete} (the caller's audit) is handed the job first, and when it throws nothing
     * is deleted and the exception propagates. Idempotent: a job already expired, deleted or failed
     * (it has no files) is answered as it stands, without calling {@code beforeDelete}. Safe to
     * repeat after a failure midway (files already missing count as removed).
     *
     * @return the job as it stands afterwards
     * @throws dev.vigil.core.error.VigilException NOT_FOUND for an unknown job; FAILED_PRECONDITION
     *     for a queued or running one; UNAVAILABLE when the store or catalog cannot be reached (some
     *     files may be gone already: ask again)
     */
    ExportJob delete(String id, Consumer<ExportJob> beforeDelete);

    /** The public key that signs manifests, as PEM. */
    String signingKeyPem();

    /** Its id: {@code sha256:} and the hex SHA-256 of its DER encoding. */
    String signingKeyId();
}
