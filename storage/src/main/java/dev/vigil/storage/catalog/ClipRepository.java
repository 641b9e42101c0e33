package dev.vigil.storage.catalog;

import static dev.vigil.storage.catalog.CatalogSql.failure;
import static dev.vigil.storage.catalog.CatalogSql.getInstant;
import static dev.vigil.storage.catalog.CatalogSql.setInstant;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.SiteId;
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
 * The clips table: one row per event clip object. Same rules as {@link RecordingRepository}:
 * idempotent insert on the object key, half-open overlapping time ranges in {@code (start, id)}
 * order, at most {@link RecordingRepository#MAX_ROWS} rows a query. Thread-safe.
 */
public final class ClipRepository {
    private static final String COLUMNS = "id, camera_id, site_id, camera_kind, start_ts, end_ts, reason, object_key,"
            + " sha256, bytes, created_at";

    private final DataSource dataSource;

    public ClipRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Adds a clip unless one with its object key exists; a repeat returns the existing row.
     *
     * @throws VigilException ALREADY_EXISTS if the key holds a different clip
     */
    public Inserted<ClipRow> insert(Clip clip) {
        Objects.requireNonNull(clip, "clip");
        String what = "catalog: insert clip " + clip.objectKey();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO clips (camera_id, site_id, camera_kind, start_ts,"
                    + " end_ts, reason, object_key, sha256, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    new String[] {"id"})) {
                p.setString(1, clip.camera().value());
                p.setString(2, clip.site().value());
                p.setString(3, RecordingRepository.kindName(clip.kind()));
                setInstant(p, 4, clip.start());
                setInstant(p, 5, clip.end());
                p.setString(6, clip.reason());
                p.setString(7, clip.objectKey());
                p.setString(8, clip.sha256());
                p.setLong(9, clip.bytes());
                setInstant(p, 10, clip.createdAt());
                p.executeUpdate();
                try (ResultSet keys = p.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new VigilException(ErrorKind.INTERNAL, what + ": no id generated");
                    }
                    return new Inserted<>(new ClipRow(keys.getLong(1), clip), true);
                }
            } catch (SQLException e) {
                if (!CatalogSql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
            ClipRow existing = findByObjectKey(c, clip.objectKey()).orElseThrow(() -> new VigilException(
                    ErrorKind.UNAVAILABLE, what + ": the key was taken, then gone; retry"));
            // A re-run stores the same clip a little later: the creation time may differ.
            if (!existing.clip().equals(withCreatedAt(clip, existing.clip().createdAt()))) {
                throw new VigilException(ErrorKind.ALREADY_EXISTS, what + ": the catalog holds another clip under"
                        + " this key (sha256 " + existing.clip().sha256() + ", " + existing.clip().bytes() + " bytes)");
            }
            return new Inserted<>(existing, false);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** The clip stored under {@code objectKey}, if any. */
    public Optional<ClipRow> findByObjectKey(String objectKey) {
        Objects.requireNonNull(objectKey, "objectKey");
        try (Connection c = dataSource.getConnection()) {
            return findByObjectKey(c, objectKey);
        } catch (SQLException e) {
            throw failure("catalog: find clip " + objectKey, e);
        }
    }

    /**
     * The camera's clips that overlap {@code [from, to)}, by start.
     *
     * @throws VigilException RESOURCE_EXHAUSTED if there are more than {@link RecordingRepository#MAX_ROWS}
     */
    public List<ClipRow> findByCamera(CameraId camera, Instant from, Instant to) {
        Objects.requireNonNull(camera, "camera");
        Interval range = new Interval(from, to);
        String what = "catalog: clips of camera " + camera + " in " + range;
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM clips WHERE camera_id = ?"
                        + " AND start_ts >= ? AND start_ts < ? AND end_ts > ? ORDER BY start_ts, id")) {
            p.setString(1, camera.value());
            setInstant(p, 2, range.start().minus(Clip.MAX_DURATION));
            setInstant(p, 3, range.end());
            setInstant(p, 4, range.start());
            p.setMaxRows(RecordingRepository.MAX_ROWS + 1);
            List<ClipRow> rows = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
            if (rows.size() > RecordingRepository.MAX_ROWS) {
                throw new VigilException(ErrorKind.RESOURCE_EXHAUSTED, what + ": more than "
                        + RecordingRepository.MAX_ROWS + " clips; ask for a shorter range");
            }
            return List.copyOf(rows);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Which of {@code objectKeys} (at most 1000) are catalogued: one query for many waiting clips. */
    public java.util.Set<String> existingKeys(java.util.Collection<String> objectKeys) {
        if (objectKeys.isEmpty()) {
            return java.util.Set.of();
        }
        if (objectKeys.size() > 1000) {
            throw VigilException.invalid("at most 1000 keys at once, was " + objectKeys.size());
        }
        String marks = String.join(", ", java.util.Collections.nCopies(objectKeys.size(), "?"));
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT object_key FROM clips WHERE object_key IN (" + marks
                        + ")")) {
            int i = 1;
            for (String key : objectKeys) {
                p.setString(i++, key);
            }
            java.util.Set<String> found = new java.util.HashSet<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        } catch (SQLException e) {
            throw failure("catalog: find " + objectKeys.size() + " clips by key", e);
        }
    }

    private static Optional<ClipRow> findByObjectKey(Connection c, String objectKey) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM clips WHERE object_key = ?")) {
            p.setString(1, objectKey);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Clip withCreatedAt(Clip c, Instant createdAt) {
        return new Clip(c.camera(), c.site(), c.kind(), c.start(), c.end(), c.reason(), c.objectKey(), c.sha256(),
                c.bytes(), createdAt);
    }

    private static ClipRow read(ResultSet rs) throws SQLException {
        return new ClipRow(rs.getLong("id"), new Clip(
                CameraId.of(rs.getString("camera_id")),
                SiteId.of(rs.getString("site_id")),
                RecordingRepository.kindOf(rs.getString("camera_kind")),
                getInstant(rs, "start_ts"),
                getInstant(rs, "end_ts"),
                rs.getString("reason"),
                rs.getString("object_key"),
                rs.getString("sha256"),
                rs.getLong("bytes"),
                getInstant(rs, "created_at")));
    }
}
