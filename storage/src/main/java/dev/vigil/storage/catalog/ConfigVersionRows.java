package dev.vigil.storage.catalog;

import static dev.vigil.storage.catalog.CatalogSql.failure;
import static dev.vigil.storage.catalog.CatalogSql.getInstant;
import static dev.vigil.storage.catalog.CatalogSql.setInstant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.directory.ConfigAction;
import dev.vigil.core.directory.ConfigAuthor;
import dev.vigil.core.directory.ConfigDiff;
import dev.vigil.core.directory.ConfigJson;
import dev.vigil.core.directory.ConfigSubject;
import dev.vigil.core.directory.ConfigVersion;
import dev.vigil.core.directory.FieldChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * The {@code config_versions} rows of {@link ConfigRepository}: numbering the next version of a
 * subject (one more than its highest, so a subject deleted and made again goes on counting),
 * writing it inside the repository's transaction, and reading a subject's history.
 */
final class ConfigVersionRows {
    private ConfigVersionRows() {}

    /** The next version of {@code subject}, with the changes from {@code before} to {@code after}. */
    static ConfigVersion next(Connection c, ConfigSubject subject, ConfigAction action, Instant at,
            ConfigAuthor author, JsonNode before, JsonNode after) throws SQLException {
        int last;
        try (PreparedStatement p = c.prepareStatement("SELECT MAX(version) FROM config_versions WHERE subject_kind = ?"
                + " AND subject_id = ?")) {
            p.setString(1, subject.kind().label());
            p.setString(2, subject.id());
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                last = rs.getInt(1);
            }
        }
        return new ConfigVersion(subject, last + 1, action, at, author, ConfigDiff.between(before, after));
    }

    static void insert(Connection c, ConfigVersion v, String config) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO config_versions (subject_kind, subject_id, version,"
                + " action, at, actor, actor_name, changes, config) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, v.subject().kind().label());
            p.setString(2, v.subject().id());
            p.setInt(3, v.version());
            p.setString(4, v.action().label());
            setInstant(p, 5, v.at());
            p.setString(6, v.author().actor());
            p.setString(7, v.author().actorName());
            p.setString(8, ConfigJson.write(v.changes()));
            p.setString(9, config);
            p.executeUpdate();
        }
    }

    /** Versions of {@code subject} below {@code beforeVersion}, newest first, at most {@code limit}. */
    static List<ConfigVersion> history(DataSource dataSource, ConfigSubject subject, int beforeVersion, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT version, action, at, actor, actor_name, changes FROM config_versions WHERE subject_kind = ?"
                        + " AND subject_id = ? AND version < ? ORDER BY version DESC LIMIT ?")) {
            p.setString(1, subject.kind().label());
            p.setString(2, subject.id());
            p.setInt(3, beforeVersion);
            p.setInt(4, limit);
            List<ConfigVersion> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new ConfigVersion(subject, rs.getInt("version"), ConfigAction.parse(rs.getString("action")),
                            getInstant(rs, "at"), new ConfigAuthor(rs.getString("actor"), rs.getString("actor_name")),
                            Arrays.asList(ConfigJson.read(rs.getString("changes"), FieldChange[].class))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("catalog: history of " + subject, e);
        }
    }
}
