package dev.vigil.storage.catalog;

import static dev.vigil.storage.catalog.CatalogSql.failure;
import static dev.vigil.storage.catalog.CatalogSql.getInstant;
import static dev.vigil.storage.catalog.CatalogSql.setInstant;

import dev.vigil.core.access.AuditAction;
import dev.vigil.core.access.AuditChain;
import dev.vigil.core.access.AuditEvent;
import dev.vigil.core.access.AuditRecord;
import dev.vigil.core.access.AuditVerification;
import dev.vigil.core.access.Role;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.port.AuditLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The {@code audit_log} table (migration V5) as an {@link AuditLog}. An append runs in one
 * transaction: lock the one-row {@code audit_head} ({@code SELECT ... FOR UPDATE}), chain the new
 * row to it ({@link AuditChain#next}), insert the row, move the head. Appends from several
 * processes on one database are therefore serialized by the database, and within this process by
 * a lock as well. Nothing here updates or deletes rows.
 *
 * <p>{@link #verify()} reads the rows in pages of {@value #VERIFY_PAGE} in {@code seq} order
 * through {@link AuditChain.Verifier}, then compares the last row with the head: rows cut off the
 * end show as a head that points past the last row.
 */
public final class AuditRepository implements AuditLog {
    static final int VERIFY_PAGE = 1000;
    private static final String COLUMNS = "seq, at, actor, actor_name, role, action, camera_id, from_ts, to_ts, target,"
            + " reason, remote, previous_hash, hash";

    private final DataSource dataSource;
    private final Object appendLock = new Object();

    public AuditRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public AuditRecord append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        String what = "catalog: audit " + event.action().label() + " by " + event.actor();
        synchronized (appendLock) {
            try (Connection c = dataSource.getConnection()) {
                boolean autoCommit = c.getAutoCommit();
                c.setAutoCommit(false);
                try {
                    AuditRecord row = appendIn(c, event);
                    c.commit();
                    return row;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                throw failure(what, e);
            }
        }
    }

    private static AuditRecord appendIn(Connection c, AuditEvent event) throws SQLException {
        long seq;
        String hash;
        try (PreparedStatement p = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
                ResultSet rs = p.executeQuery()) {
            if (!rs.next()) {
                throw new VigilException(ErrorKind.DATA_LOSS, "catalog: the audit log's head row is missing");
            }
            seq = rs.getLong(1);
            hash = rs.getString(2);
        }
        AuditRecord row = AuditChain.next(seq, hash, event);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO audit_log (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, row.seq());
            setInstant(p, 2, event.at());
            p.setString(3, event.actor());
            p.setString(4, event.actorName());
            p.setString(5, event.role() == null ? null : event.role().label());
            p.setString(6, event.action().label());
            p.setString(7, event.camera() == null ? null : event.camera().value());
            setInstant(p, 8, event.from());
            setInstant(p, 9, event.to());
            p.setString(10, event.target());
            p.setString(11, event.reason());
            p.setString(12, event.remote());
            p.setString(13, row.previousHash());
            p.setString(14, row.hash());
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
            p.setLong(1, row.seq());
            p.setString(2, row.hash());
            p.executeUpdate();
        }
        return row;
    }

    @Override
    public List<AuditRecord> page(long afterSeq, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?")) {
            p.setLong(1, afterSeq);
            p.setInt(2, limit);
            List<AuditRecord> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("catalog: read the audit log after row " + afterSeq, e);
        }
    }

    @Override
    public AuditVerification verify() {
        AuditChain.Verifier verifier = new AuditChain.Verifier();
        long after = 0;
        String lastHash = AuditChain.GENESIS;
        while (true) {
            List<AuditRecord> rows;
            try {
                rows = page(after, VERIFY_PAGE);
            } catch (VigilException e) {
                if (e.getCause() instanceof SQLException) {
                    throw e;
                }
                return broken(verifier, after + 1, "row " + (after + 1) + " cannot be read: " + e.getMessage());
            }
            for (AuditRecord r : rows) {
                if (!verifier.accept(r)) {
                    return verifier.result();
                }
                lastHash = r.hash();
                after = r.seq();
            }
            if (rows.size() < VERIFY_PAGE) {
                break;
            }
        }
        long headSeq;
        String headHash;
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT seq, hash FROM audit_head WHERE id = 1"); ResultSet rs = p.executeQuery()) {
            if (!rs.next()) {
                return broken(verifier, after + 1, "the head row is missing");
            }
            headSeq = rs.getLong(1);
            headHash = rs.getString(2);
        } catch (SQLException e) {
            throw failure("catalog: read the audit log's head", e);
        }
        if (headSeq != after || !headHash.equals(lastHash)) {
            return broken(verifier, Math.min(headSeq, after + 1), "the head records row " + headSeq
                    + " but the log ends at row " + after + (headSeq > after ? " (rows cut off the end)"
                    : " (the head was changed)"));
        }
        return verifier.result();
    }

    private static AuditVerification broken(AuditChain.Verifier verifier, long seq, String problem) {
        return new AuditVerification(false, verifier.result().rowsChecked(), seq, problem, null);
    }

    private static AuditRecord row(ResultSet rs) throws SQLException {
        String role = rs.getString("role");
        String camera = rs.getString("camera_id");
        AuditEvent event;
        try {
            event = new AuditEvent(getInstant(rs, "at"), rs.getString("actor"), rs.getString("actor_name"),
                    role == null ? null : Role.parse(role), AuditAction.parse(rs.getString("action")),
                    camera == null ? null : CameraId.of(camera), getInstant(rs, "from_ts"), getInstant(rs, "to_ts"),
                    rs.getString("target"), rs.getString("reason"), rs.getString("remote"));
        } catch (RuntimeException e) {
            throw new VigilException(ErrorKind.DATA_LOSS, "audit row " + rs.getLong("seq") + " is malformed: "
                    + e.getMessage(), e);
        }
        return new AuditRecord(rs.getLong("seq"), event, rs.getString("previous_hash"), rs.getString("hash"));
    }
}
