package dev.vigil.storage.catalog;

import static dev.vigil.storage.catalog.CatalogSql.failure;
import static dev.vigil.storage.catalog.CatalogSql.getInstant;
import static dev.vigil.storage.catalog.CatalogSql.setInstant;

import dev.vigil.core.access.ApiToken;
import dev.vigil.core.access.Role;
import dev.vigil.core.access.SiteScope;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.port.TokenStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The {@code api_tokens} table (migration V5) as a {@link TokenStore}: token metadata and the
 * SHA-256 of each secret, looked up by that hash (unique index). Thread-safe; each call borrows a
 * pooled connection.
 */
public final class TokenRepository implements TokenStore {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String COLUMNS = "id, name, role, sites, created_at, created_by, revoked_at";

    private final DataSource dataSource;

    public TokenRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void add(ApiToken token, String secretSha256) {
        Objects.requireNonNull(token, "token");
        if (secretSha256 == null || !SHA256.matcher(secretSha256).matches()) {
            throw new IllegalArgumentException("secretSha256 must be 64 lower-case hex digits");
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "INSERT INTO api_tokens (" + COLUMNS + ", secret_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, token.id());
            p.setString(2, token.name());
            p.setString(3, token.role().label());
            p.setString(4, token.scope().format());
            setInstant(p, 5, token.createdAt());
            p.setString(6, token.createdBy());
            setInstant(p, 7, token.revokedAt());
            p.setString(8, secretSha256);
            p.executeUpdate();
        } catch (SQLException e) {
            if (CatalogSql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new VigilException(ErrorKind.ALREADY_EXISTS, "catalog: token " + token.id()
                        + " or its secret exists already", e);
            }
            throw failure("catalog: add token " + token.id(), e);
        }
    }

    @Override
    public Optional<ApiToken> findBySecretHash(String secretSha256) {
        return one("SELECT " + COLUMNS + " FROM api_tokens WHERE secret_sha256 = ?", secretSha256,
                "catalog: look up a token");
    }

    @Override
    public Optional<ApiToken> find(String id) {
        return one("SELECT " + COLUMNS + " FROM api_tokens WHERE id = ?", id, "catalog: look up token " + id);
    }

    @Override
    public List<ApiToken> list() {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM api_tokens ORDER BY created_at, id"); ResultSet rs = p.executeQuery()) {
            List<ApiToken> out = new ArrayList<>();
            while (rs.next()) {
                out.add(token(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failure("catalog: list tokens", e);
        }
    }

    @Override
    public Optional<ApiToken> revoke(String id, Instant at) {
        Objects.requireNonNull(at, "at");
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            setInstant(p, 1, at);
            p.setString(2, id);
            p.executeUpdate();
        } catch (SQLException e) {
            throw failure("catalog: revoke token " + id, e);
        }
        return find(id);
    }

    @Override
    public boolean hasActiveAdmin() {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT 1 FROM api_tokens WHERE role = 'admin' AND revoked_at IS NULL AND sites = '' LIMIT 1");
                ResultSet rs = p.executeQuery()) {
            return rs.next();
        } catch (SQLException e) {
            throw failure("catalog: look for an admin token", e);
        }
    }

    private Optional<ApiToken> one(String sql, String key, String what) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(token(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getString("id"), rs.getString("name"), Role.parse(rs.getString("role")),
                SiteScope.parse(rs.getString("sites")), getInstant(rs, "created_at"), rs.getString("created_by"),
                getInstant(rs, "revoked_at"));
    }
}
