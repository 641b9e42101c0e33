package dev.vigil.storage.catalog;

import static dev.vigil.storage.catalog.CatalogSql.failure;
import static dev.vigil.storage.catalog.CatalogSql.setInstant;

import dev.vigil.storage.export.ExportAuditEntry;
import dev.vigil.storage.export.ExportAuditLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The exports table (migration V3): one row per export, finished ({@code ok}) or {@code failed}.
 * Rows are only ever added. Thread-safe; each call borrows a pooled connection. Failures are
 * {@link dev.vigil.core.error.VigilException}s, UNAVAILABLE when the database cannot be reached.
 */
public final class ExportAuditRepository implements ExportAuditLog {
    private static final String INSERT = "INSERT INTO exports (requested_at, requested_by, reason, camera_id, from_ts,"
            + " to_ts, outcome, error_kind, error_message, parts, bytes, manifest_sha256)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;

    public ExportAuditRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void record(ExportAuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        String what = "catalog: record the export by " + entry.request().requestedBy() + " of camera "
                + entry.request().camera();
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(INSERT)) {
            setInstant(p, 1, entry.requestedAt());
            p.setString(2, entry.request().requestedBy());
            p.setString(3, entry.request().reason());
            p.setString(4, entry.request().camera().value());
            setInstant(p, 5, entry.request().from());
            setInstant(p, 6, entry.request().to());
            p.setString(7, entry.succeeded() ? "ok" : "failed");
            if (entry.succeeded()) {
                p.setNull(8, Types.VARCHAR);
                p.setNull(9, Types.VARCHAR);
            } else {
                p.setString(8, entry.failure().name());
                p.setString(9, entry.failureMessage());
            }
            p.setInt(10, entry.parts());
            p.setLong(11, entry.bytes());
            p.setString(12, entry.manifestSha256());
            p.executeUpdate();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }
}
