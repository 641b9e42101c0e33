package dev.vigil.core.access;

/**
 * The outcome of checking the audit log's chain from its first row.
 *
 * @param intact whether every row checked out
 * @param rowsChecked rows read (up to and including the first broken one)
 * @param firstBrokenSeq the first row whose link or hash is wrong, or {@code null} when intact
 * @param problem what is wrong with that row, or {@code null}
 * @param headHash the hash of the last row when intact ({@link AuditChain#GENESIS} for an empty
 *     log), or {@code null}: recorded elsewhere, it later proves that no row was cut off the end
 */
public record AuditVerification(boolean intact, long rowsChecked, Long firstBrokenSeq, String problem,
        String headHash) {
}
