package dev.vigil.core.port;

import dev.vigil.core.access.AuditEvent;
import dev.vigil.core.access.AuditRecord;
import dev.vigil.core.access.AuditVerification;
import java.util.List;

/**
 * The append-only, hash-chained audit log (see {@link dev.vigil.core.access.AuditChain}). Rows
 * are never changed or removed through this port. Implementations are thread-safe: concurrent
 * appends, also from several processes sharing one catalog, are serialized into one chain.
 * Failures are {@link dev.vigil.core.error.VigilException}s (UNAVAILABLE when the store cannot be
 * reached); an act that must be audited does not proceed when its row could not be written.
 */
public interface AuditLog {
    /** Appends {@code event} as the next row and returns that row. */
    AuditRecord append(AuditEvent event);

    /** Up to {@code limit} rows after row {@code afterSeq}, in order ({@code afterSeq} 0 starts at the beginning). */
    List<AuditRecord> page(long afterSeq, int limit);

    /** Walks the whole chain from row 1 and reports the first broken link, if any. */
    AuditVerification verify();
}
