package dev.vigil.storage.catalog;

import static dev.vigil.storage.catalog.CatalogSql.failure;
import static dev.vigil.storage.catalog.CatalogSql.getInstant;
import static dev.vigil.storage.catalog.CatalogSql.setInstant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.directory.CameraEntry;
import dev.vigil.core.directory.ConfigAction;
import dev.vigil.core.directory.ConfigAuthor;
import dev.vigil.core.directory.ConfigDiff;
import dev.vigil.core.directory.ConfigJson;
import dev.vigil.core.directory.ConfigOrigin;
import dev.vigil.core.directory.ConfigSubject;
import dev.vigil.core.directory.ConfigVersion;
import dev.vigil.core.directory.SiteEntry;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.port.ConfigStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Sites and cameras (V1's {@code sites} and {@code cameras} with V7's {@code config} columns) and
 * their {@code config_versions}, as a {@link ConfigStore}.
 *
 * <p>Each write is one transaction: read the current row {@code FOR UPDATE} (so two writers of
 * one subject, in this process or another, take turns), check the expected version, compute the
 * {@link ConfigDiff}, write the row and insert the version. Two creates of the same id, or two
 * versions numbered alike, fail on the primary keys and are reported as conflicts. Thread-safe;
 * each call borrows a pooled connection.
 */
public final class ConfigRepository implements ConfigStore {
    private static final String SITE_COLUMNS = "id, config, origin, version, updated_at, updated_by, updated_by_name";
    private static final String CAMERA_COLUMNS = "id, config, origin, version, updated_at, updated_by, updated_by_name";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final DataSource dataSource;

    public ConfigRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public List<SiteEntry> sites() {
        return query("SELECT " + SITE_COLUMNS + " FROM sites WHERE config IS NOT NULL ORDER BY id", null,
                "catalog: list sites", ConfigRepository::site);
    }

    @Override
    public Optional<SiteEntry> site(String id) {
        return query("SELECT " + SITE_COLUMNS + " FROM sites WHERE config IS NOT NULL AND id = ?", id,
                "catalog: read site " + id, ConfigRepository::site).stream().findFirst();
    }

    @Override
    public List<CameraEntry> cameras() {
        return query("SELECT " + CAMERA_COLUMNS + " FROM cameras WHERE config IS NOT NULL ORDER BY id", null,
                "catalog: list cameras", ConfigRepository::camera);
    }

    @Override
    public Optional<CameraEntry> camera(String id) {
        return query("SELECT " + CAMERA_COLUMNS + " FROM cameras WHERE config IS NOT NULL AND id = ?", id,
                "catalog: read camera " + id, ConfigRepository::camera).stream().findFirst();
    }

    @Override
    public ConfigVersion createSite(SiteConfig site, ConfigOrigin origin, ConfigAuthor author, Instant at) {
        ConfigSubject subject = ConfigSubject.site(site.id());
        return write(subject, "create", c -> {
            if (current(c, subject) != null) {
                throw new VigilException(ErrorKind.ALREADY_EXISTS, "site " + site.id() + " exists already");
            }
            ConfigVersion v = ConfigVersionRows.next(c, subject, ConfigAction.CREATE, at, author, null, ConfigJson.tree(site));
            try (PreparedStatement p = c.prepareStatement("INSERT INTO sites (id, name, lat, lon, time_zone, config,"
                    + " origin, version, updated_at, updated_by, updated_by_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, site.id());
                siteColumns(p, 2, site);
                p.setString(7, origin.label());
                finish(p, 8, v);
                p.executeUpdate();
            }
            ConfigVersionRows.insert(c, v, ConfigJson.write(site));
            return v;
        });
    }

    @Override
    public Optional<ConfigVersion> updateSite(SiteConfig site, Integer expectedVersion, ConfigAuthor author, Instant at) {
        ConfigSubject subject = ConfigSubject.site(site.id());
        return Optional.ofNullable(write(subject, "update", c -> {
            Current now = require(current(c, subject), subject, expectedVersion);
            JsonNode after = ConfigJson.tree(site);
            if (now.config().equals(after)) {
                return null;
            }
            ConfigVersion v = ConfigVersionRows.next(c, subject, ConfigAction.UPDATE, at, author, now.config(), after);
            try (PreparedStatement p = c.prepareStatement("UPDATE sites SET name = ?, lat = ?, lon = ?, time_zone = ?,"
                    + " config = ?, version = ?, updated_at = ?, updated_by = ?, updated_by_name = ? WHERE id = ?")) {
                siteColumns(p, 1, site);
                finish(p, 6, v);
                p.setString(10, site.id());
                p.executeUpdate();
            }
            ConfigVersionRows.insert(c, v, ConfigJson.write(site));
            return v;
        }));
    }

    @Override
    public ConfigVersion deleteSite(String id, Integer expectedVersion, ConfigAuthor author, Instant at) {
        ConfigSubject subject = ConfigSubject.site(id);
        return write(subject, "delete", c -> {
            Current now = require(current(c, subject), subject, expectedVersion);
            List<String> cameras = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM cameras WHERE site_id = ? ORDER BY id")) {
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        cameras.add(rs.getString(1));
                    }
                }
            }
            if (!cameras.isEmpty()) {
                throw new VigilException(ErrorKind.FAILED_PRECONDITION, "site " + id + " still has " + cameras.size()
                        + " camera(s): " + String.join(", ", cameras) + "; move or delete them first");
            }
            ConfigVersion v = ConfigVersionRows.next(c, subject, ConfigAction.DELETE, at, author, now.config(), null);
            delete(c, "sites", id);
            ConfigVersionRows.insert(c, v, null);
            return v;
        });
    }

    @Override
    public ConfigVersion createCamera(CameraConfig camera, ConfigOrigin origin, ConfigAuthor author, Instant at) {
        ConfigSubject subject = ConfigSubject.camera(camera.id());
        return write(subject, "create", c -> {
            if (current(c, subject) != null) {
                throw new VigilException(ErrorKind.ALREADY_EXISTS, "camera " + camera.id() + " exists already");
            }
            requireSite(c, camera);
            ConfigVersion v = ConfigVersionRows.next(c, subject, ConfigAction.CREATE, at, author, null, ConfigJson.tree(camera));
            try (PreparedStatement p = c.prepareStatement("INSERT INTO cameras (id, site_id, name, kind, lat, lon,"
                    + " heading, config, origin, created_at, version, updated_at, updated_by, updated_by_name)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, camera.id());
                cameraColumns(p, 2, camera);
                p.setString(9, origin.label());
                setInstant(p, 10, v.at());
                finish(p, 11, v);
                p.executeUpdate();
            }
            ConfigVersionRows.insert(c, v, ConfigJson.write(camera));
            return v;
        });
    }

    @Override
    public Optional<ConfigVersion> updateCamera(CameraConfig camera, Integer expectedVersion, ConfigAuthor author,
            Instant at) {
        ConfigSubject subject = ConfigSubject.camera(camera.id());
        return Optional.ofNullable(write(subject, "update", c -> {
            Current now = require(current(c, subject), subject, expectedVersion);
            JsonNode after = ConfigJson.tree(camera);
            if (now.config().equals(after)) {
                return null;
            }
            requireSite(c, camera);
            ConfigVersion v = ConfigVersionRows.next(c, subject, ConfigAction.UPDATE, at, author, now.config(), after);
            try (PreparedStatement p = c.prepareStatement("UPDATE cameras SET site_id = ?, name = ?, kind = ?, lat = ?,"
                    + " lon = ?, heading = ?, config = ?, version = ?, updated_at = ?, updated_by = ?, updated_by_name = ?"
                    + " WHERE id = ?")) {
                cameraColumns(p, 1, camera);
                finish(p, 8, v);
                p.setString(12, camera.id());
                p.executeUpdate();
            }
            ConfigVersionRows.insert(c, v, ConfigJson.write(camera));
            return v;
        }));
    }

    @Override
    public ConfigVersion deleteCamera(String id, Integer expectedVersion, ConfigAuthor author, Instant at) {
        ConfigSubject subject = ConfigSubject.camera(id);
        return write(subject, "delete", c -> {
            Current now = require(current(c, subject), subject, expectedVersion);
            ConfigVersion v = ConfigVersionRows.next(c, subject, ConfigAction.DELETE, at, author, now.config(), null);
            delete(c, "cameras", id);
            ConfigVersionRows.insert(c, v, null);
            return v;
        });
    }

    @Override
    public List<ConfigVersion> history(ConfigSubject subject, int beforeVersion, int limit) {
        return ConfigVersionRows.history(dataSource, subject, beforeVersion, limit);
    }

    /** The stored config of a subject and its version, read for update. */
    private record Current(JsonNode config, int version) {}

    @FunctionalInterface
    private interface Step<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T write(ConfigSubject subject, String what, Step<T> step) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = step.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            if (CatalogSql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new VigilException(ErrorKind.FAILED_PRECONDITION, subject + " was changed by someone else at the"
                        + " same time; read it again and retry", e);
            }
            if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
                throw new VigilException(ErrorKind.FAILED_PRECONDITION, "catalog: " + what + " " + subject
                        + ": a site it names does not exist, or cameras are still at it", e);
            }
            throw failure("catalog: " + what + " " + subject, e);
        }
    }

    private static Current current(Connection c, ConfigSubject subject) throws SQLException {
        String table = subject.kind() == ConfigSubject.Kind.SITE ? "sites" : "cameras";
        try (PreparedStatement p = c.prepareStatement("SELECT config, version FROM " + table
                + " WHERE id = ? FOR UPDATE")) {
            p.setString(1, subject.id());
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String config = rs.getString(1);
                if (config == null) {
                    throw new VigilException(ErrorKind.ALREADY_EXISTS, subject + " exists in the catalog but was not"
                            + " made through the directory; it cannot be managed here");
                }
                return new Current(ConfigJson.readTree(config), rs.getInt(2));
            }
        }
    }

    private static Current require(Current now, ConfigSubject subject, Integer expectedVersion) {
        if (now == null) {
            throw new VigilException(ErrorKind.NOT_FOUND, "no " + subject);
        }
        if (expectedVersion != null && expectedVersion != now.version()) {
            throw new VigilException(ErrorKind.FAILED_PRECONDITION, subject + " is at version " + now.version()
                    + ", not " + expectedVersion + "; read it again and retry");
        }
        return now;
    }

    private static void requireSite(Connection c, CameraConfig camera) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM sites WHERE id = ? AND config IS NOT NULL")) {
            p.setString(1, camera.site());
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new VigilException(ErrorKind.FAILED_PRECONDITION, "camera " + camera.id() + ": no site "
                            + camera.site());
                }
            }
        }
    }

    private static void delete(Connection c, String table, String id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            p.setString(1, id);
            p.executeUpdate();
        }
    }

    /** name, lat, lon, time_zone, config from {@code index}. */
    private static void siteColumns(PreparedStatement p, int index, SiteConfig site) throws SQLException {
        p.setString(index, site.name());
        p.setObject(index + 1, site.location() == null ? null : site.location().lat());
        p.setObject(index + 2, site.location() == null ? null : site.location().lon());
        p.setString(index + 3, site.timeZone());
        p.setString(index + 4, ConfigJson.write(site));
    }

    /** site_id, name, kind, lat, lon, heading, config from {@code index}. */
    private static void cameraColumns(PreparedStatement p, int index, CameraConfig camera) throws SQLException {
        p.setString(index, camera.site());
        p.setString(index + 1, camera.name());
        p.setString(index + 2, ConfigJson.tree(camera.kind()).asText());
        p.setObject(index + 3, camera.location() == null ? null : camera.location().lat());
        p.setObject(index + 4, camera.location() == null ? null : camera.location().lon());
        Double heading = camera.location() == null ? null : camera.location().heading();
        p.setObject(index + 5, heading == null ? null : heading % 360);
        p.setString(index + 6, ConfigJson.write(camera));
    }

    /** version, updated_at, updated_by, updated_by_name from {@code index}. */
    private static void finish(PreparedStatement p, int index, ConfigVersion v) throws SQLException {
        p.setInt(index, v.version());
        setInstant(p, index + 1, v.at());
        p.setString(index + 2, v.author().actor());
        p.setString(index + 3, v.author().actorName());
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, String key, String what, Row<T> row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            if (key != null) {
                p.setString(1, key);
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static ConfigAuthor author(ResultSet rs) throws SQLException {
        String actor = rs.getString("updated_by");
        return actor == null ? null : new ConfigAuthor(actor, rs.getString("updated_by_name"));
    }

    private static SiteEntry site(ResultSet rs) throws SQLException {
        return new SiteEntry(ConfigJson.read(rs.getString("config"), SiteConfig.class),
                ConfigOrigin.parse(rs.getString("origin")), rs.getInt("version"), getInstant(rs, "updated_at"),
                author(rs));
    }

    private static CameraEntry camera(ResultSet rs) throws SQLException {
        return new CameraEntry(ConfigJson.read(rs.getString("config"), CameraConfig.class),
                ConfigOrigin.parse(rs.getString("origin")), rs.getInt("version"), getInstant(rs, "updated_at"),
                author(rs));
    }
}
