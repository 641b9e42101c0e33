package dev.vigil.storage.export;

import dev.vigil.core.error.ErrorKind;
import java.time.Instant;
import java.util.Objects;

/**
 * One export as the audit trail keeps it.
 *
 * @param request what was asked, by whom, why
 * @param requestedAt when the export started
 * @param failure {@code null} when it finished; else the error's kind
 * @param failureMessage the error's message when it failed, else {@code null}
 * @param parts MP4 parts written (0 when it failed)
 * @param bytes bytes of those parts
 * @param manifestSha256 SHA-256 of the manifest's JSON bytes when it finished, else {@code null}
 */
public record ExportAuditEntry(
        ExportRequest request,
        Instant requestedAt,
        ErrorKind failure,
        String failureMessage,
        int parts,
        long bytes,
        String manifestSha256) {

    public ExportAuditEntry {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(requestedAt, "requestedAt");
        if ((failure == null) == (manifestSha256 == null)) {
            throw new IllegalArgumentException("an export either finished with a manifest or failed with a kind");
        }
    }

    public boolean succeeded() {
        return failure == null;
    }
}
