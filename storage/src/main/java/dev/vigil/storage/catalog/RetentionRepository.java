package dev.vigil.storage.catalog;

import static dev.vigil.storage.catalog.CatalogSql.failure;
import static dev.vigil.storage.catalog.CatalogSql.getInstant;
import static dev.vigil.storage.catalog.CatalogSql.setInstant;

import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
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
 * The catalog side of retention: which rows may go (never one under an active legal hold), and
 * deleting a row together with its entry in the {@code deletions} log.
 *
 * <p>Candidates come in {@code (start, id)} order after a cursor (the last item of the previous
 * batch, {@code null} to begin), so a batch never returns rows the caller skipped. Batches are at
 * most {@link #MAX_BATCH} rows. Thread-safe.
 */
public final class RetentionRepository {
    /** The largest batch. */
    public static final int MAX_BATCH = 10_000;

    private static final String ITEM_COLUMNS = "r.id, r.camera_id, r.start_ts, r.end_ts, r.bytes, r.object_key, r.sha256";
    private static final String AFTER = "r.start_ts >= ? AND (r.start_ts > ? OR r.id > ?)";

    private final DataSource dataSource;

    public RetentionRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The first camera id after {@code after} (in id order) that has rows of {@code type};
     * {@code null} for the first. One index seek: walk all cameras without a full scan.
     */
    public Optional<CameraId> nextCamera(ItemType type, CameraId after) {
        String sql = "SELECT min(camera_id) FROM " + type.table() + (after == null ? "" : " WHERE camera_id > ?");
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            if (after != null) {
                p.setString(1, after.value());
            }
            try (ResultSet rs = p.executeQuery()) {
                String id = rs.next() ? rs.getString(1) : null;
                return Optional.ofNullable(id).map(CameraId::of);
            }
        } catch (SQLException e) {
            throw failure("catalog: cameras with " + type.table(), e);
        }
    }

    /** The kind recorded with the camera's latest row of {@code type}, if any was. */
    public Optional<CameraKind> lastKind(ItemType type, CameraId camera) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT camera_kind FROM " + type.table()
                        + " WHERE camera_id = ? ORDER BY start_ts DESC LIMIT 1")) {
            p.setString(1, camera.value());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.ofNullable(RecordingRepository.kindOf(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("catalog: kind of camera " + camera, e);
        }
    }

    /**
     * The camera's rows of {@code type} that ended at or before {@code cutoff} and are not held,
     * after {@code cursor}, oldest first.
     *
     * @param limit 1..{@link #MAX_BATCH}
     */
    public List<CatalogItem> expired(ItemType type, CameraId camera, Instant cutoff, CatalogItem cursor, int limit) {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(cutoff, "cutoff");
        String sql = "SELECT " + ITEM_COLUMNS + " FROM " + type.table() + " r WHERE r.camera_id = ? AND r.start_ts <= ?"
                + " AND r.end_ts <= ?" + (cursor == null ? "" : " AND " + AFTER)
                + " AND NOT " + LegalHoldRepository.HELD + " ORDER BY r.start_ts, r.id LIMIT " + checkLimit(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, camera.value());
            setInstant(p, 2, cutoff);
            setInstant(p, 3, cutoff);
            bindCursor(p, 4, cursor);
            return read(type, p);
        } catch (SQLException e) {
            throw failure("catalog: expired " + type.table() + " of camera " + camera, e);
        }
    }

    /**
     * Recordings of any camera that are not held, after {@code cursor}, oldest first: what the
     * storage budget deletes.
     *
     * @param limit 1..{@link #MAX_BATCH}
     */
    public List<CatalogItem> oldestRecordings(CatalogItem cursor, int limit) {
        String sql = "SELECT " + ITEM_COLUMNS + " FROM recordings r WHERE " + (cursor == null ? "" : AFTER + " AND ")
                + "NOT " + LegalHoldRepository.HELD + " ORDER BY r.start_ts, r.id LIMIT " + checkLimit(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            bindCursor(p, 1, cursor);
            return read(ItemType.RECORDING, p);
        } catch (SQLException e) {
            throw failure("catalog: oldest recordings", e);
        }
    }

    /** The bytes of all recordings in the catalog, held or not. */
    public long recordingBytes() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT coalesce(sum(bytes), 0) FROM recordings");
                ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("catalog: total recording bytes", e);
        }
    }

    /** Whether an active legal hold keeps the item now. */
    public boolean isHeld(CatalogItem item) {
        try (Connection c = dataSource.getConnection()) {
            return LegalHoldRepository.isHeld(c, item.camera(), item.interval(), item.objectKey());
        } catch (SQLException e) {
            throw failure("catalog: hold check of " + item.objectKey(), e);
        }
    }

    /**
     * Deletes the item's row and logs the deletion, in one transaction. Call it after the object
     * is gone from {@code bucket}.
     *
     * @return whether the row was there to delete (false: another worker got it first; nothing logged)
     */
    public boolean deleteAndLog(CatalogItem item, DeletionReason reason, String bucket, Instant at) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(at, "at");
        String what = "catalog: delete " + item;
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                boolean deleted;
                try (PreparedStatement p = c.prepareStatement("DELETE FROM " + item.type().table() + " WHERE id = ?")) {
                    p.setLong(1, item.id());
                    deleted = p.executeUpdate() == 1;
                }
                if (deleted) {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO deletions (deleted_at, item, reason,"
                            + " camera_id, start_ts, end_ts, bucket, object_key, sha256, bytes)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        setInstant(p, 1, at);
                        p.setString(2, item.type().label());
                        p.setString(3, reason.label());
                        p.setString(4, item.camera().value());
                        setInstant(p, 5, item.start());
                        setInstant(p, 6, item.end());
                        p.setString(7, bucket);
                        p.setString(8, item.objectKey());
                        p.setString(9, item.sha256());
                        p.setLong(10, item.bytes());
                        p.executeUpdate();
                    }
                }
                c.commit();
                return deleted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_BATCH) {
            throw new IllegalArgumentException("batch limit must be within 1.." + MAX_BATCH + ", was " + limit);
        }
        return limit;
    }

    private static void bindCursor(PreparedStatement p, int index, CatalogItem cursor) throws SQLException {
        if (cursor != null) {
            setInstant(p, index, cursor.start());
            setInstant(p, index + 1, cursor.start());
            p.setLong(index + 2, cursor.id());
        }
    }

    private static List<CatalogItem> read(ItemType type, PreparedStatement p) throws SQLException {
        List<CatalogItem> items = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                items.add(new CatalogItem(type, rs.getLong("id"), CameraId.of(rs.getString("camera_id")),
                        getInstant(rs, "start_ts"), getInstant(rs, "end_ts"), rs.getLong("bytes"),
                        rs.getString("object_key"), rs.getString("sha256")));
            }
        }
        return List.copyOf(items);
    }
}
