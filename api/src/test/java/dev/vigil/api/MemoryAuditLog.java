package dev.vigil.api;

import dev.vigil.core.access.AuditChain;
import dev.vigil.core.access.AuditEvent;
import dev.vigil.core.access.AuditRecord;
import dev.vigil.core.access.AuditVerification;
import dev.vigil.core.port.AuditLog;
import java.util.ArrayList;
import java.util.List;

/** An {@link AuditLog} in memory for the api module's tests (the catalog's is tested in storage). */
public final class MemoryAuditLog implements AuditLog {
    private final List<AuditRecord> rows = new ArrayList<>();

    @Override
    public synchronized AuditRecord append(AuditEvent event) {
        AuditRecord row = rows.isEmpty() ? AuditChain.next(0, AuditChain.GENESIS, event)
                : AuditChain.next(rows.size(), rows.get(rows.size() - 1).hash(), event);
        rows.add(row);
        return row;
    }

    @Override
    public synchronized List<AuditRecord> page(long afterSeq, int limit) {
        return List.copyOf(rows.subList((int) Math.min(afterSeq, rows.size()),
                (int) Math.min(afterSeq + limit, rows.size())));
    }

    @Override
    public synchronized AuditVerification verify() {
        AuditChain.Verifier v = new AuditChain.Verifier();
        for (AuditRecord r : rows) {
            if (!v.accept(r)) {
                break;
            }
        }
        return v.result();
    }

    /** Every row so far. */
    public synchronized List<AuditRecord> rows() {
        return List.copyOf(rows);
    }
}
