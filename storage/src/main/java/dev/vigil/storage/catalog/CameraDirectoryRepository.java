package dev.vigil.storage.catalog;

import static dev.vigil.storage.catalog.CatalogSql.failure;
import static dev.vigil.storage.catalog.CatalogSql.getDouble;
import static dev.vigil.storage.catalog.CatalogSql.getInstant;
import static dev.vigil.storage.catalog.CatalogSql.setInstant;

import dev.vigil.core.directory.ManagedCamera;
import dev.vigil.core.directory.ManagedSite;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.model.Transport;
import dev.vigil.core.port.CameraDirectory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code sites} and {@code cameras} tables (V1, with V5's stream columns) as a
 * {@link CameraDirectory}. Thread-safe; each call borrows a pooled connection.
 */
public final class CameraDirectoryRepository implements CameraDirectory {
    /** Foreign-key violations: 23503 (PostgreSQL, and H2 for a row still referenced), 23506 (H2, parent missing). */
    private static final java.util.Set<String> FOREIGN_KEY_VIOLATION = java.util.Set.of("23503", "23506");
    private static final String CAMERA_COLUMNS = "id, site_id, name, kind, url, transport, username,"
            + " password IS NOT NULL AS has_password, lat, lon, heading, created_at, updated_at";

    private final DataSource dataSource;

    public CameraDirectoryRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public List<ManagedSite> sites() {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT id, name, lat, lon FROM sites ORDER BY id"); ResultSet rs = p.executeQuery()) {
            List<ManagedSite> out = new ArrayList<>();
            while (rs.next()) {
                out.add(site(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failure("catalog: list sites", e);
        }
    }

    @Override
    public Optional<ManagedSite> site(SiteId id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT id, name, lat, lon FROM sites WHERE id = ?")) {
            p.setString(1, id.value());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(site(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("catalog: read site " + id, e);
        }
    }

    @Override
    public boolean putSite(ManagedSite site) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement p = c.prepareStatement("UPDATE sites SET name = ?, lat = ?, lon = ? WHERE id = ?")) {
                p.setString(1, site.name());
                setLocation(p, 2, site.location());
                p.setString(4, site.id().value());
                if (p.executeUpdate() > 0) {
                    return false;
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO sites (name, lat, lon, id) VALUES (?, ?, ?, ?)")) {
                p.setString(1, site.name());
                setLocation(p, 2, site.location());
                p.setString(4, site.id().value());
                p.executeUpdate();
                return true;
            }
        } catch (SQLException e) {
            throw failure("catalog: put site " + site.id(), e);
        }
    }

    @Override
    public boolean deleteSite(SiteId id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "DELETE FROM sites WHERE id = ?")) {
            p.setString(1, id.value());
            return p.executeUpdate() > 0;
        } catch (SQLException e) {
            if (FOREIGN_KEY_VIOLATION.contains(e.getSQLState())) {
                throw new VigilException(ErrorKind.FAILED_PRECONDITION, "site " + id
                        + " still has cameras; delete or move them first", e);
            }
            throw failure("catalog: delete site " + id, e);
        }
    }

    @Override
    public List<ManagedCamera> cameras() {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT " + CAMERA_COLUMNS + " FROM cameras ORDER BY id"); ResultSet rs = p.executeQuery()) {
            List<ManagedCamera> out = new ArrayList<>();
            while (rs.next()) {
                out.add(camera(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failure("catalog: list cameras", e);
        }
    }

    @Override
    public Optional<ManagedCamera> camera(CameraId id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT " + CAMERA_COLUMNS + " FROM cameras WHERE id = ?")) {
            p.setString(1, id.value());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(camera(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("catalog: read camera " + id, e);
        }
    }

    @Override
    public void createCamera(ManagedCamera camera, String password) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "INSERT INTO cameras (site_id, name, kind, url, transport, username, lat, lon, heading, created_at,"
                        + " updated_at, password, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bindCamera(p, camera);
            setInstant(p, 10, camera.createdAt());
            setInstant(p, 11, camera.updatedAt());
            p.setString(12, camera.username() == null ? null : password);
            p.setString(13, camera.id().value());
            p.executeUpdate();
        } catch (SQLException e) {
            throw writeFailure(camera, e, "add");
        }
    }

    @Override
    public boolean updateCamera(ManagedCamera camera, String password) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "UPDATE cameras SET site_id = ?, name = ?, kind = ?, url = ?, transport = ?, username = ?, lat = ?,"
                        + " lon = ?, heading = ?, updated_at = ?, password = CASE WHEN ? THEN NULL WHEN ? IS NULL"
                        + " THEN password ELSE ? END WHERE id = ?")) {
            bindCamera(p, camera);
            setInstant(p, 10, camera.updatedAt());
            p.setBoolean(11, camera.username() == null);
            p.setString(12, password);
            p.setString(13, password);
            p.setString(14, camera.id().value());
            return p.executeUpdate() > 0;
        } catch (SQLException e) {
            throw writeFailure(camera, e, "update");
        }
    }

    @Override
    public boolean deleteCamera(CameraId id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "DELETE FROM cameras WHERE id = ?")) {
            p.setString(1, id.value());
            return p.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("catalog: delete camera " + id, e);
        }
    }

    @Override
    public Optional<String> password(CameraId id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT password FROM cameras WHERE id = ?")) {
            p.setString(1, id.value());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("catalog: read the login of camera " + id, e);
        }
    }

    private static VigilException writeFailure(ManagedCamera camera, SQLException e, String what) {
        if (CatalogSql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return new VigilException(ErrorKind.ALREADY_EXISTS, "camera " + camera.id() + " exists already", e);
        }
        if (FOREIGN_KEY_VIOLATION.contains(e.getSQLState())) {
            return new VigilException(ErrorKind.FAILED_PRECONDITION, "site " + camera.site() + " does not exist", e);
        }
        return failure("catalog: " + what + " camera " + camera.id(), e);
    }

    private static void bindCamera(PreparedStatement p, ManagedCamera camera) throws SQLException {
        p.setString(1, camera.site().value());
        p.setString(2, camera.name());
        p.setString(3, camera.kind().name().toLowerCase(Locale.ROOT));
        p.setString(4, camera.url());
        p.setString(5, camera.transport().name().toLowerCase(Locale.ROOT));
        p.setString(6, camera.username());
        setLocation(p, 7, camera.location());
        if (camera.location() == null || camera.location().heading() == null) {
            p.setNull(9, Types.DOUBLE);
        } else {
            p.setDouble(9, camera.location().heading() % 360);
        }
    }

    private static void setLocation(PreparedStatement p, int index, GeoPoint location) throws SQLException {
        if (location == null) {
            p.setNull(index, Types.DOUBLE);
            p.setNull(index + 1, Types.DOUBLE);
        } else {
            p.setDouble(index, location.lat());
            p.setDouble(index + 1, location.lon());
        }
    }

    private static ManagedSite site(ResultSet rs) throws SQLException {
        Double lat = getDouble(rs, "lat");
        Double lon = getDouble(rs, "lon");
        return new ManagedSite(SiteId.of(rs.getString("id")), rs.getString("name"),
                lat == null || lon == null ? null : GeoPoint.of(lat, lon));
    }

    private static ManagedCamera camera(ResultSet rs) throws SQLException {
        Double lat = getDouble(rs, "lat");
        Double lon = getDouble(rs, "lon");
        String transport = rs.getString("transport");
        return new ManagedCamera(CameraId.of(rs.getString("id")), SiteId.of(rs.getString("site_id")),
                rs.getString("name"), CameraKind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
                rs.getString("url"), transport == null ? Transport.AUTO : Transport.valueOf(transport.toUpperCase(Locale.ROOT)),
                rs.getString("username"), rs.getBoolean("has_password"),
                lat == null || lon == null ? null : new GeoPoint(lat, lon, getDouble(rs, "heading")),
                getInstant(rs, "created_at"), getInstant(rs, "updated_at"));
    }
}
