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
     *     the job is not done
     */
    ExportDownload download(String id, String fileName);

    /** The public key that signs manifests, as PEM. */
    String signingKeyPem();

    /** Its id: {@code sha256:} and the hex SHA-256 of its DER encoding. */
    String signingKeyId();
}
