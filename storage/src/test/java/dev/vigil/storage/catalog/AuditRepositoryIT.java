package dev.vigil.storage.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.access.AuditAction;
import dev.vigil.core.access.AuditChain;
import dev.vigil.core.access.AuditEvent;
import dev.vigil.core.access.AuditRecord;
import dev.vigil.core.access.AuditVerification;
import dev.vigil.core.access.Role;
import dev.vigil.core.model.CameraId;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The audit log (V5) on H2 and PostgreSQL: rows chain, concurrent appends form one chain, and
 * changing, deleting or cutting off rows in the database is found by verify().
 */
@Timeout(300)
class AuditRepositoryIT {
    private static final Instant T0 = Instant.parse("2026-03-01T14:10:00.123456789Z");
    @RegisterExtension
    static final TestCatalogs catalogs = new TestCatalogs();

    private static AuditEvent playback(int i) {
        return new AuditEvent(T0.plusSeconds(i), "t0123456789ab", "insp. Tran", Role.POLICE, AuditAction.PLAYBACK,
                CameraId.of("gate-3"), T0.minusSeconds(600), T0.plusSeconds(600), null, "collision report " + i,
                "10.0.0.7");
    }

    private static void sql(Catalog catalog, String statement) throws Exception {
        try (Connection c = catalog.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.vigil.storage.catalog.TestCatalogs#databases")
    void rowsChainAndReadBackAsWritten(String database) {
        try (Catalog catalog = catalogs.open(database)) {
            AuditRepository audit = new AuditRepository(catalog.dataSource());
            assertTrue(audit.verify().intact());
            assertEquals(AuditChain.GENESIS, audit.verify().headHash());
            AuditRecord first = audit.append(playback(1));
            AuditRecord second = audit.append(new AuditEvent(T0, "cli", "cli", null, AuditAction.EXPORT, null, null,
                    null, "export 7", null, null));
            assertEquals(1, first.seq());
            assertEquals(AuditChain.GENESIS, first.previousHash());
            assertEquals(first.hash(), second.previousHash());
            List<AuditRecord> read = audit.page(0, 10);
            assertEquals(List.of(first, second), read, "microsecond times and nulls read back as hashed");
            assertEquals(List.of(second), audit.page(1, 10));
            AuditVerification ok = audit.verify();
            assertTrue(ok.intact());
            assertEquals(2, ok.rowsChecked());
            assertEquals(second.hash(), ok.headHash());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.vigil.storage.catalog.TestCatalogs#databases")
    void concurrentAppendsFormOneChain(String database) throws Exception {
        try (Catalog catalog = catalogs.open(database)) {
            AuditRepository one = new AuditRepository(catalog.dataSource());
            AuditRepository other = new AuditRepository(catalog.dataSource()); // as a second process would
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<AuditRecord>> futures = new ArrayList<>();
                for (int i = 0; i < 120; i++) {
                    int n = i;
                    futures.add(pool.submit(() -> (n % 2 == 0 ? one : other).append(playback(n))));
                }
                for (Future<AuditRecord> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            AuditVerification v = one.verify();
            assertTrue(v.intact(), String.valueOf(v));
            assertEquals(120, v.rowsChecked());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.vigil.storage.catalog.TestCatalogs#databases")
    void tamperingIsFound(String database) throws Exception {
        try (Catalog catalog = catalogs.open(database)) {
            AuditRepository audit = new AuditRepository(catalog.dataSource());
            for (int i = 1; i <= 5; i++) {
                audit.append(playback(i));
            }
            assertTrue(audit.verify().intact());

            sql(catalog, "UPDATE audit_log SET reason = 'routine patrol' WHERE seq = 3");
            AuditVerification changed = audit.verify();
            assertFalse(changed.intact());
            assertEquals(3L, changed.firstBrokenSeq());
            assertTrue(changed.problem().contains("changed"), changed.problem());
            assertNull(changed.headHash());

            // re-hashing the changed row moves the break to the next row's link
            AuditRecord row3 = audit.page(2, 1).get(0);
            sql(catalog, "UPDATE audit_log SET hash = '" + AuditChain.hash(3, row3.previousHash(), row3.event())
                    + "' WHERE seq = 3");
            assertEquals(4L, audit.verify().firstBrokenSeq());
        }
        try (Catalog catalog = catalogs.open(database)) {
            AuditRepository audit = new AuditRepository(catalog.dataSource());
            for (int i = 1; i <= 5; i++) {
                audit.append(playback(i));
            }
            sql(catalog, "DELETE FROM audit_log WHERE seq = 2");
            AuditVerification deleted = audit.verify();
            assertEquals(3L, deleted.firstBrokenSeq(), deleted.problem());
            assertTrue(deleted.problem().contains("missing"), deleted.problem());
        }
        try (Catalog catalog = catalogs.open(database)) {
            AuditRepository audit = new AuditRepository(catalog.dataSource());
            for (int i = 1; i <= 5; i++) {
                audit.append(playback(i));
            }
            sql(catalog, "DELETE FROM audit_log WHERE seq >= 4");
            AuditVerification cut = audit.verify();
            assertFalse(cut.intact());
            assertTrue(cut.problem().contains("cut off"), cut.problem());
        }
    }
}
