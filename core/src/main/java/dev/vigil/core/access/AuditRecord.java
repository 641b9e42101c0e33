package dev.vigil.core.access;

import java.util.Objects;

/**
 * A row of the audit log: the event, its place in the chain and the chain's hashes.
 *
 * @param seq position in the log, 1, 2, 3... with no gaps
 * @param event what happened
 * @param previousHash the hash of row {@code seq - 1}, or {@link AuditChain#GENESIS} for row 1
 * @param hash {@link AuditChain#hash} of this row
 */
public record AuditRecord(long seq, AuditEvent event, String previousHash, String hash) {
    public AuditRecord {
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1, was " + seq);
        }
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }
}
