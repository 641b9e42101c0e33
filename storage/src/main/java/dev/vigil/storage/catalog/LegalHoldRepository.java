package dev.vigil.storage.catalog;

import static dev.vigil.storage.catalog.CatalogSql.failure;
import static dev.vigil.storage.catalog.CatalogSql.getInstant;
import static dev.vigil.storage.catalog.CatalogSql.setInstant;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The legal_holds table: placing, releasing and listing holds. Retention reads the same table
 * through {@link #HELD}, so a hold is honoured by the next batch after it is placed.
 *
 * <p>Thread-safe. Times are cut to the microsecond.
 */
public final class LegalHoldRepository {
    /**
     * SQL condition: an active hold keeps the row aliased {@code r} (a recording or a clip).
     * Object keys match in any bucket; camera ranges match closed (touching counts).
     */
    static final String HELD = "EXISTS (SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL"
            + " AND (h.object_key = r.object_key"
            + " OR (h.camera_id = r.camera_id AND h.from_ts <= r.end_ts AND h.to_ts >= r.start_ts)))";
    private static final String COLUMNS = "id, case_id, camera_id, from_ts, to_ts, object_key, note, placed_by,"
            + " placed_at, released_by, released_at";
    static final int MAX_CASE_ID = 100;
    static final int MAX_NOTE = 1000;
    static final int MAX_USER = 200;

    private final DataSource dataSource;

    public LegalHoldRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Places a hold; from now on retention deletes nothing it targets.
     *
     * @param caseId 1-100 characters
     * @param note at most 1000 characters, or {@code null}
     * @param placedBy 1-200 characters
     * @return the hold as stored
     */
    public LegalHold place(String caseId, HoldTarget target, String note, String placedBy, Instant placedAt) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(placedAt, "placedAt");
        CatalogChecks.text("legal hold", "case id", caseId, MAX_CASE_ID);
        CatalogChecks.text("legal hold", "placed by", placedBy, MAX_USER);
        if (note != null && note.length() > MAX_NOTE) {
            throw VigilException.invalid("legal hold: note must be at most " + MAX_NOTE + " characters, was "
                    + note.length());
        }
        Instant at = placedAt.truncatedTo(ChronoUnit.MICROS);
        String what = "catalog: place legal hold for case " + caseId;
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("INSERT INTO legal_holds (case_id, camera_id, from_ts, to_ts,"
                        + " object_key, note, placed_by, placed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            p.setString(1, caseId);
            p.setString(2, target.camera() == null ? null : target.camera().value());
            setInstant(p, 3, target.range() == null ? null : target.range().start());
            setInstant(p, 4, target.range() == null ? null : target.range().end());
            p.setString(5, target.objectKey());
            p.setString(6, note);
            p.setString(7, placedBy);
            setInstant(p, 8, at);
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new VigilException(ErrorKind.INTERNAL, what + ": no id generated");
                }
                return new LegalHold(keys.getLong(1), caseId, target, note, placedBy, at, null, null);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /**
     * Releases an active hold; retention may then delete what it kept, once expired.
     *
     * @throws VigilException NOT_FOUND if there is no such hold, FAILED_PRECONDITION if it was
     *     released already
     */
    public LegalHold release(long id, String releasedBy, Instant releasedAt) {
        Objects.requireNonNull(releasedAt, "releasedAt");
        CatalogChecks.text("legal hold " + id, "released by", releasedBy, MAX_USER);
        String what = "catalog: release legal hold " + id;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement p = c.prepareStatement("UPDATE legal_holds SET released_by = ?, released_at = ?"
                    + " WHERE id = ? AND released_at IS NULL")) {
                p.setString(1, releasedBy);
                setInstant(p, 2, releasedAt.truncatedTo(ChronoUnit.MICROS));
                p.setLong(3, id);
                int updated = p.executeUpdate();
                List<LegalHold> found = select(c, "id = ?", id);
                if (found.isEmpty()) {
                    throw new VigilException(ErrorKind.NOT_FOUND, what + ": no such hold");
                }
                if (updated == 0) {
                    LegalHold hold = found.get(0);
                    throw new VigilException(ErrorKind.FAILED_PRECONDITION, what + ": released already by "
                            + hold.releasedBy() + " at " + hold.releasedAt());
                }
                return found.get(0);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** The active holds, oldest first. */
    public List<LegalHold> active() {
        try (Connection c = dataSource.getConnection()) {
            return select(c, "released_at IS NULL", null);
        } catch (SQLException e) {
            throw failure("catalog: list active legal holds", e);
        }
    }

    /** Every hold of a case, active or released, oldest first. */
    public List<LegalHold> findByCase(String caseId) {
        Objects.requireNonNull(caseId, "caseId");
        try (Connection c = dataSource.getConnection()) {
            return select(c, "case_id = ?", caseId);
        } catch (SQLException e) {
            throw failure("catalog: legal holds of case " + caseId, e);
        }
    }

    /**
     * Whether an active hold keeps an item of {@code camera} over {@code interval} stored under
     * {@code objectKey}: the same test retention applies.
     */
    public boolean isHeld(CameraId camera, Interval interval, String objectKey) {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(objectKey, "objectKey");
        try (Connection c = dataSource.getConnection()) {
            return isHeld(c, camera, interval, objectKey);
        } catch (SQLException e) {
            throw failure("catalog: hold check of " + objectKey, e);
        }
    }

    static boolean isHeld(Connection c, CameraId camera, Interval interval, String objectKey) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL"
                + " AND (h.object_key = ? OR (h.camera_id = ? AND h.from_ts <= ? AND h.to_ts >= ?))")) {
            p.setString(1, objectKey);
            p.setString(2, camera.value());
            setInstant(p, 3, interval.end());
            setInstant(p, 4, interval.start());
            p.setMaxRows(1);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static List<LegalHold> select(Connection c, String where, Object argument) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM legal_holds WHERE " + where
                + " ORDER BY placed_at, id")) {
            if (argument != null) {
                p.setObject(1, argument);
            }
            List<LegalHold> holds = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String camera = rs.getString("camera_id");
                    Instant from = getInstant(rs, "from_ts");
                    HoldTarget target = new HoldTarget(camera == null ? null : CameraId.of(camera),
                            from == null ? null : new Interval(from, getInstant(rs, "to_ts")), rs.getString("object_key"));
                    holds.add(new LegalHold(rs.getLong("id"), rs.getString("case_id"), target, rs.getString("note"),
                            rs.getString("placed_by"), getInstant(rs, "placed_at"), rs.getString("released_by"),
                            getInstant(rs, "released_at")));
                }
            }
            return List.copyOf(holds);
        }
    }
}
