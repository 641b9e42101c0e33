package dev.vigil.storage.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.model.CameraId;
import dev.vigil.storage.export.ExportAuditEntry;
import dev.vigil.storage.export.ExportRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The exports audit table (V3) on H2 and PostgreSQL: finished and failed exports. */
@Timeout(180)
class ExportAuditRepositoryIT {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    @RegisterExtension
    static final TestCatalogs catalogs = new TestCatalogs();

    @ParameterizedTest
    @MethodSource("dev.vigil.storage.catalog.TestCatalogs#databases")
    void finishedAndFailedExportsAreRecorded(String database) throws Exception {
        try (Catalog catalog = catalogs.open(database)) {
            ExportAuditRepository exports = new ExportAuditRepository(catalog.dataSource());
            ExportRequest request = new ExportRequest(CameraId.of("gate-3"), T0, T0.plusSeconds(60), "insp.tran",
                    "CASE-2026-0117");
            exports.record(new ExportAuditEntry(request, T0.plusSeconds(3600), null, null, 2, 123_456, "a".repeat(64)));
            exports.record(new ExportAuditEntry(new ExportRequest(CameraId.of("gate-3"), T0, T0.plusSeconds(5), "ops",
                    null), T0.plusSeconds(7200), ErrorKind.DATA_LOSS, "object x does not match", 0, 0, null));
            try (Connection c = catalog.dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT requested_by, reason, camera_id, outcome, error_kind,"
                            + " error_message, parts, bytes, manifest_sha256, from_ts, requested_at FROM exports"
                            + " ORDER BY requested_at")) {
                assertTrue(rs.next());
                assertEquals("insp.tran CASE-2026-0117 gate-3 ok", rs.getString(1) + " " + rs.getString(2) + " "
                        + rs.getString(3) + " " + rs.getString(4));
                assertNull(rs.getString(5));
                assertEquals(2, rs.getInt(7));
                assertEquals(123_456, rs.getLong(8));
                assertEquals("a".repeat(64), rs.getString(9));
                assertEquals(T0, CatalogSql.getInstant(rs, "from_ts"));
                assertTrue(rs.next());
                assertEquals("failed DATA_LOSS object x does not match", rs.getString(4) + " " + rs.getString(5) + " "
                        + rs.getString(6));
                assertNull(rs.getString(2));
                assertNull(rs.getString(9));
                assertFalse(rs.next());
            }
        }
    }
}
