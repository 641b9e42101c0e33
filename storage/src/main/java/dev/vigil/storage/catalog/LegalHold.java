package dev.vigil.storage.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * A legal hold: while active, retention deletes nothing it targets. Released holds stay in the
 * catalog as the record of who held what, and when.
 *
 * @param id the catalog's id
 * @param caseId the case (investigation, court order) it serves, 1-100 characters
 * @param target what it keeps
 * @param note free text, at most 1000 characters; may be {@code null}
 * @param placedBy who placed it (a user name), 1-200 characters
 * @param placedAt when
 * @param releasedBy who released it; {@code null} while active
 * @param releasedAt when; {@code null} while active
 */
public record LegalHold(
        long id,
        String caseId,
        HoldTarget target,
        String note,
        String placedBy,
        Instant placedAt,
        String releasedBy,
        Instant releasedAt) {

    public LegalHold {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(placedBy, "placedBy");
        Objects.requireNonNull(placedAt, "placedAt");
        if ((releasedBy == null) != (releasedAt == null)) {
            throw new IllegalArgumentException("releasedBy and releasedAt go together");
        }
    }

    /** Whether the hold still keeps its target. */
    public boolean active() {
        return releasedAt == null;
    }
}
