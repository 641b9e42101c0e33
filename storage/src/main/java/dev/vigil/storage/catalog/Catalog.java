package dev.vigil.storage.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.vigil.core.config.CatalogConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL catalog: a pooled {@link DataSource} whose schema has been migrated to the version this
 * build expects.
 *
 * <p>{@link #open} picks the database from {@link CatalogConfig}: with no JDBC URL, an H2 file
 * database at {@code <dataDir>/catalog/vigil} (file {@code vigil.mv.db}) in PostgreSQL mode;
 * otherwise the given URL (PostgreSQL in production). Then it applies the pending migrations of
 * {@code classpath:db/migration}, the same scripts on both.
 *
 * <p>The H2 file is opened with {@code AUTO_SERVER=TRUE}: the first process to open it (the node)
 * holds it and serves it over TCP to later ones (the {@code ./vigil export} command), which
 * therefore read and write while the node runs. That server accepts only clients presenting the
 * random key H2 keeps in the lock file beside the database (readable by the data directory's
 * owner), and listens on the loopback address only: {@link #open} sets {@code h2.bindAddress} to
 * {@code 127.0.0.1} unless it is set already, which takes effect when H2 is first used in the JVM.
 *
 * <p>The pool holds at most {@value #MAX_CONNECTIONS} connections; borrowing waits at most
 * {@link #BORROW_TIMEOUT}, then fails with {@link SQLException}. The data source and this class
 * are thread-safe. {@link #close()} closes the pool; later borrows fail.
 *
 * <p>Credentials: the user comes from the config, the password from the environment variable it
 * names (absent means no password, which suits the embedded database and PostgreSQL trust or
 * {@code .pgpass} setups). Neither the password nor URL query parameters (where a password may
 * hide) are logged or put in messages.
 */
public final class Catalog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Catalog.class);

    /** The most pooled connections. */
    public static final int MAX_CONNECTIONS = 10;
    /** How long a borrow waits for a free connection. */
    public static final Duration BORROW_TIMEOUT = Duration.ofSeconds(10);
    /** How long {@link #ping()} lets a connection take to answer. */
    public static final Duration PING_TIMEOUT = Duration.ofSeconds(2);
    /** Where the migrations live on the class path. */
    static final String MIGRATIONS = "classpath:db/migration";
    /**
     * H2 options that make it accept and behave like the PostgreSQL the migrations are written for.
     * {@code WRITE_DELAY=0}: a commit is written to the file before it returns (H2's default lets
     * 500 ms of commits wait in memory), so a process killed right after a commit (an alert in the
     * outbox) keeps it, as PostgreSQL would.
     */
    static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    /** The system property that makes H2's auto server listen on one address instead of all. */
    static final String H2_BIND_ADDRESS = "h2.bindAddress";

    private final HikariDataSource pool;
    private final String database;
    private final String schemaVersion;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Catalog(HikariDataSource pool, String database, String schemaVersion) {
        this.pool = pool;
        this.database = database;
        this.schemaVersion = schemaVersion;
    }

    /**
     * Opens the pool and migrates the schema. Blocks until both are done.
     *
     * @param config which database, which user, which variable holds the password
     * @param dataDir the node's data directory; the embedded database goes to {@code dataDir/catalog}
     * @param env the process environment ({@code System.getenv()}), where the password is looked up
     * @throws VigilException UNAVAILABLE if the database cannot be reached, UNAUTHENTICATED if it
     *     refuses the credentials, FAILED_PRECONDITION if the embedded file is in use by another
     *     process or the schema does not match the migrations (edited or unknown migration)
     */
    public static Catalog open(CatalogConfig config, Path dataDir, Map<String, String> env) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(env, "env");
        String url;
        String database;
        if (config.usesEmbedded()) {
            Path directory = dataDir.toAbsolutePath().normalize().resolve("catalog");
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new VigilException(ErrorKind.UNAVAILABLE, "catalog: cannot create " + directory + ": " + e, e);
            }
            Path file = directory.resolve("vigil");
            if (System.getProperty(H2_BIND_ADDRESS) == null) {
                System.setProperty(H2_BIND_ADDRESS, "127.0.0.1"); // the auto server: loopback only
            }
            url = "jdbc:h2:file:" + file + H2_OPTIONS;
            database = "H2 file " + file;
        } else {
            url = config.jdbcUrl();
            database = withoutParameters(url);
        }

        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("vigil-catalog");
        hikari.setJdbcUrl(url);
        hikari.setUsername(config.user());
        hikari.setPassword(env.get(config.passwordEnv()));
        hikari.setMaximumPoolSize(MAX_CONNECTIONS);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(BORROW_TIMEOUT.toMillis());
        hikari.setValidationTimeout(PING_TIMEOUT.toMillis());
        // Fail here, with the reason, rather than on the first query.
        hikari.setInitializationFailTimeout(1);

        long started = System.nanoTime();
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            throw connectFailure(database, config, e.getCause() instanceof SQLException sql ? sql : null, e);
        } catch (RuntimeException e) {
            throw new VigilException(ErrorKind.INVALID_ARGUMENT, "catalog " + database + ": " + e.getMessage(), e);
        }
        try {
            String version = migrate(pool, database);
            log.info("catalog ready: {}, schema version {} ({} ms)", database, version,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return new Catalog(pool, database, version);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static String migrate(DataSource dataSource, String database) {
        Flyway flyway = Flyway.configure(Catalog.class.getClassLoader())
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .failOnMissingLocations(true)
                .cleanDisabled(true)
                .validateMigrationNaming(true)
                .load();
        try {
            MigrateResult result = flyway.migrate();
            if (result.migrationsExecuted > 0) {
                log.info("catalog {}: applied {} migration(s), from version {} to {}", database,
                        result.migrationsExecuted, result.initialSchemaVersion == null ? "none"
                                : result.initialSchemaVersion, result.targetSchemaVersion);
            }
            MigrationInfo current = flyway.info().current();
            if (current == null || current.getVersion() == null) {
                throw new VigilException(ErrorKind.INTERNAL, "catalog " + database + ": no schema version after migrating");
            }
            return current.getVersion().getVersion();
        } catch (FlywayException e) {
            ErrorKind kind = rootSqlState(e) != null && rootSqlState(e).startsWith("08")
                    ? ErrorKind.UNAVAILABLE : ErrorKind.FAILED_PRECONDITION;
            throw new VigilException(kind, "catalog " + database + ": migration failed: " + e.getMessage(), e);
        }
    }

    private static VigilException connectFailure(String database, CatalogConfig config, SQLException sql,
            Exception e) {
        String what = "catalog " + database + ": cannot connect as " + config.user();
        if (sql == null) {
            return new VigilException(ErrorKind.UNAVAILABLE, what + ": " + e.getMessage(), e);
        }
        String state = sql.getSQLState() != null ? sql.getSQLState() : "";
        if (sql.getErrorCode() == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return new VigilException(ErrorKind.FAILED_PRECONDITION, "catalog " + database
                    + " is in use by another process (is another Vigil running on this data directory?)", e);
        }
        if (state.equals("28P01") || state.equals("28000")
                || sql.getErrorCode() == org.h2.api.ErrorCode.WRONG_USER_OR_PASSWORD) {
            return new VigilException(ErrorKind.UNAUTHENTICATED, what + ": credentials refused (password from env "
                    + config.passwordEnv() + ")", e);
        }
        if (state.equals("3D000")) {
            return new VigilException(ErrorKind.NOT_FOUND, what + ": the database does not exist", e);
        }
        if (state.equals("08001") && sql.getMessage() != null && sql.getMessage().startsWith("No suitable driver")) {
            return new VigilException(ErrorKind.INVALID_ARGUMENT, "catalog " + database + ": no JDBC driver for"
                    + " this URL (PostgreSQL and H2 are supported)", e);
        }
        return new VigilException(ErrorKind.UNAVAILABLE, what + ": " + sql.getMessage() + " (SQL state " + state + ")", e);
    }

    private static String rootSqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** A JDBC URL with its query and properties cut off: they may carry a password. */
    static String withoutParameters(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int at = url.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return url.substring(0, cut);
    }

    /** The pooled data source. Connections must be closed to go back to the pool. */
    public DataSource dataSource() {
        return pool;
    }

    /** The schema version after migrating, e.g. {@code "1"}. */
    public String schemaVersion() {
        return schemaVersion;
    }

    /** What this catalog is, without credentials, e.g. {@code jdbc:postgresql://db:5432/vigil}. */
    public String database() {
        return database;
    }

    /**
     * Borrows a connection and checks that it answers within {@link #PING_TIMEOUT}. Never throws;
     * a closed catalog reports down.
     */
    public CatalogHealth ping() {
        long started = System.nanoTime();
        if (closed.get()) {
            return new CatalogHealth(false, database, Duration.ZERO, "closed");
        }
        String problem;
        try (Connection connection = pool.getConnection()) {
            problem = connection.isValid((int) PING_TIMEOUT.toSeconds()) ? null : "no answer within " + PING_TIMEOUT;
        } catch (SQLException | RuntimeException e) {
            problem = e.getMessage() != null ? e.getMessage() : e.toString();
        }
        return new CatalogHealth(problem == null, database, Duration.ofNanos(System.nanoTime() - started), problem);
    }

    /** Closes the pool; the embedded database file is closed with its last connection. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            pool.close();
        }
    }

    @Override
    public String toString() {
        return "Catalog[" + database + ", schema " + schemaVersion + "]";
    }
}
