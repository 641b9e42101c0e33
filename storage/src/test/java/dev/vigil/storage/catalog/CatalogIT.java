package dev.vigil.storage.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.CatalogConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The migrations (V1 unchanged, then the later ones up to the latest) on the embedded H2 file database and on a real PostgreSQL. */
@Timeout(180)
class CatalogIT {
    private static final OffsetDateTime START = OffsetDateTime.of(2026, 11, 26, 22, 15, 0, 0, ZoneOffset.ofHours(3));

    /** The highest migration version in the source tree: a catalog is migrated to it. */
    private static final String LATEST = latestMigration();

    @TempDir
    Path dataDir;

    private static String latestMigration() {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return String.valueOf(files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void embeddedH2FileMigratesAndKeepsRowsAcrossReopen() throws SQLException {
        CatalogConfig config = new CatalogConfig(null, null, null);
        long id;
        try (Catalog catalog = Catalog.open(config, dataDir, Map.of())) {
            assertEquals(LATEST, catalog.schemaVersion());
            assertTrue(catalog.database().startsWith("H2 file "), catalog.database());
            assertTrue(Files.exists(dataDir.resolve("catalog/vigil.mv.db")));
            id = insertAndReadBack(catalog.dataSource());
            CatalogHealth health = catalog.ping();
            assertTrue(health.up(), String.valueOf(health.problem()));
            assertNull(health.problem());
        }
        try (Catalog reopened = Catalog.open(config, dataDir, Map.of())) {
            assertEquals(LATEST, reopened.schemaVersion());
            try (Connection c = reopened.dataSource().getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*), max(id) FROM recordings")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getLong(1));
                assertEquals(id, rs.getLong(2));
            }
        }
    }

    @Test
    void aClosedCatalogPingsDown() {
        Catalog catalog = Catalog.open(new CatalogConfig(null, null, null), dataDir, Map.of());
        catalog.close();
        CatalogHealth health = catalog.ping();
        assertFalse(health.up());
        assertEquals("closed", health.problem());
    }

    @Test
    void postgresqlRunsTheSameMigration() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("pg"))
                .setCleanDataDirectory(true)
                .start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE ROLE vigil LOGIN PASSWORD 'catalog-test-pw'");
                s.execute("CREATE DATABASE vigil OWNER vigil");
            }
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/vigil";
            CatalogConfig config = new CatalogConfig(url, "vigil", "VIGIL_TEST_DB_PASSWORD");
            Map<String, String> env = Map.of("VIGIL_TEST_DB_PASSWORD", "catalog-test-pw");
            try (Catalog catalog = Catalog.open(config, dataDir, env)) {
                assertEquals(LATEST, catalog.schemaVersion());
                assertEquals(url, catalog.database());
                insertAndReadBack(catalog.dataSource());
                assertTrue(catalog.ping().up());
            }
            try (Catalog reopened = Catalog.open(config, dataDir, env)) {
                assertEquals(LATEST, reopened.schemaVersion());
            }
        }
    }

    /** Inserts a site, a camera and a recording; reads the recording back; returns its id. */
    private static long insertAndReadBack(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement site = c.prepareStatement("INSERT INTO sites (id, name, lat, lon) VALUES (?, ?, ?, ?)")) {
                site.setString(1, "depot-north");
                site.setString(2, "North depot");
                site.setDouble(3, -1.2921);
                site.setDouble(4, 36.8219);
                site.executeUpdate();
            }
            try (PreparedStatement camera = c.prepareStatement("INSERT INTO cameras"
                    + " (id, site_id, name, kind, lat, lon, heading, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                camera.setString(1, "gate-3");
                camera.setString(2, "depot-north");
                camera.setString(3, "Gate 3, inbound");
                camera.setString(4, "security");
                camera.setDouble(5, -1.2920);
                camera.setDouble(6, 36.8220);
                camera.setDouble(7, 270.0);
                camera.setObject(8, START);
                camera.setObject(9, START);
                camera.executeUpdate();
            }
            long id;
            String insert = "INSERT INTO recordings (camera_id, site_id, start_ts, end_ts, bytes, codec, width,"
                    + " height, object_key, sha256, lat, lon) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            try (PreparedStatement recording = c.prepareStatement(insert, new String[] {"id"})) {
                bindRecording(recording, START, START.plusSeconds(60), "segments/gate-3/2026/11/26/191500.mp4");
                assertEquals(1, recording.executeUpdate());
                try (ResultSet keys = recording.getGeneratedKeys()) {
                    assertTrue(keys.next());
                    id = keys.getLong(1);
                    assertTrue(id > 0);
                }
            }
            try (PreparedStatement select = c.prepareStatement("SELECT id, start_ts, end_ts, bytes, codec, width,"
                    + " height, object_key, sha256 FROM recordings WHERE camera_id = ? AND start_ts >= ?"
                    + " AND start_ts < ? ORDER BY start_ts")) {
                select.setString(1, "gate-3");
                select.setObject(2, START.minusMinutes(5));
                select.setObject(3, START.plusMinutes(5));
                try (ResultSet rs = select.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(id, rs.getLong("id"));
                    assertEquals(START.toInstant(), rs.getObject("start_ts", OffsetDateTime.class).toInstant());
                    assertEquals(START.plusSeconds(60).toInstant(), rs.getObject("end_ts", OffsetDateTime.class).toInstant());
                    assertEquals(12_582_912L, rs.getLong("bytes"));
                    assertEquals("h264", rs.getString("codec"));
                    assertEquals(1920, rs.getInt("width"));
                    assertEquals(1080, rs.getInt("height"));
                    assertEquals("segments/gate-3/2026/11/26/191500.mp4", rs.getString("object_key"));
                    assertEquals("ab".repeat(32), rs.getString("sha256"));
                    assertFalse(rs.next());
                }
            }
            // The schema's checks hold on both databases.
            try (PreparedStatement backwards = c.prepareStatement(insert)) {
                bindRecording(backwards, START, START.minusSeconds(1), "segments/gate-3/backwards.mp4");
                SQLException e = assertThrows(SQLException.class, backwards::executeUpdate);
                assertTrue(e.getSQLState().startsWith("23"), e.getSQLState() + " " + e.getMessage());
            }
            return id;
        }
    }

    private static void bindRecording(PreparedStatement p, OffsetDateTime start, OffsetDateTime end, String key)
            throws SQLException {
        p.setString(1, "gate-3");
        p.setString(2, "depot-north");
        p.setObject(3, start);
        p.setObject(4, end);
        p.setLong(5, 12_582_912L);
        p.setString(6, "h264");
        p.setInt(7, 1920);
        p.setInt(8, 1080);
        p.setString(9, key);
        p.setString(10, "ab".repeat(32));
        p.setDouble(11, -1.2920);
        p.setDouble(12, 36.8220);
    }
}
