package dev.vigil.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.CameraId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditChainTest {
    private static final Instant T = Instant.parse("2026-03-01T14:10:00Z");

    private static AuditEvent event(String target, String reason) {
        return new AuditEvent(T, "t0123456789ab", "insp. Tran", Role.POLICE, AuditAction.PLAYBACK, CameraId.of("gate-3"),
                T, T.plusSeconds(60), target, reason, "10.0.0.7");
    }

    private static List<AuditRecord> chain(int n) {
        List<AuditRecord> rows = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (int i = 0; i < n; i++) {
            AuditRecord r = AuditChain.next(i, previous, event(null, "reason " + i));
            rows.add(r);
            previous = r.hash();
        }
        return rows;
    }

    private static AuditVerification verify(List<AuditRecord> rows) {
        AuditChain.Verifier v = new AuditChain.Verifier();
        for (AuditRecord r : rows) {
            if (!v.accept(r)) {
                break;
            }
        }
        return v.result();
    }

    @Test
    void everyFieldAndThePositionAreCovered() {
        String base = AuditChain.hash(1, AuditChain.GENESIS, event("ab", "c"));
        assertEquals(64, base.length());
        assertEquals(base, AuditChain.hash(1, AuditChain.GENESIS, event("ab", "c")));
        assertNotEquals(base, AuditChain.hash(2, AuditChain.GENESIS, event("ab", "c")));
        assertNotEquals(base, AuditChain.hash(1, "1".repeat(64), event("ab", "c")));
        assertNotEquals(base, AuditChain.hash(1, AuditChain.GENESIS, event("a", "bc")), "fields are length-prefixed");
        assertNotEquals(base, AuditChain.hash(1, AuditChain.GENESIS, event("ab", null)));
    }

    @Test
    void anIntactChainVerifiesAndTamperingNamesTheFirstBrokenRow() {
        List<AuditRecord> rows = chain(5);
        AuditVerification ok = verify(rows);
        assertTrue(ok.intact());
        assertEquals(5, ok.rowsChecked());
        assertEquals(rows.get(4).hash(), ok.headHash());

        List<AuditRecord> edited = new ArrayList<>(rows);
        AuditRecord r = rows.get(2);
        edited.set(2, new AuditRecord(3, event(null, "innocent"), r.previousHash(), r.hash()));
        AuditVerification e = verify(edited);
        assertFalse(e.intact());
        assertEquals(3L, e.firstBrokenSeq());

        List<AuditRecord> removed = new ArrayList<>(rows);
        removed.remove(1);
        assertEquals(3L, verify(removed).firstBrokenSeq());

        List<AuditRecord> relinked = new ArrayList<>(rows);
        AuditRecord forged = AuditChain.next(2, "f".repeat(64), event(null, "forged"));
        relinked.set(2, forged);
        assertEquals(3L, verify(relinked).firstBrokenSeq());
    }

    @Test
    void timesAreKeptToMicroseconds() {
        AuditEvent e = new AuditEvent(Instant.parse("2026-03-01T14:10:00.123456789Z"), "cli", "cli", null,
                AuditAction.EXPORT, null, null, null, null, null, null);
        assertEquals(Instant.parse("2026-03-01T14:10:00.123456Z"), e.at());
    }
}
