package dev.vigil.storage.catalog;

import static dev.vigil.storage.catalog.CatalogSql.failure;
import static dev.vigil.storage.catalog.CatalogSql.getDouble;
import static dev.vigil.storage.catalog.CatalogSql.getInstant;
import static dev.vigil.storage.catalog.CatalogSql.getInteger;
import static dev.vigil.storage.catalog.CatalogSql.setInstant;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.search.SearchArea;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The recordings table: one row per segment object.
 *
 * <p>Time ranges are half-open, {@code [from, to)}, and a segment matches when it overlaps the
 * range ({@code start < to && end > from}); results come in {@code (start, id)} order. A single
 * query returns at most {@link #MAX_ROWS} rows: a camera query over more fails with
 * RESOURCE_EXHAUSTED, an area query takes a {@code limit}.
 *
 * <p>Area search: the box becomes the {@link GridCell}s that cover it, one range seek on
 * {@code (cell, start_ts)} each, joined by {@code UNION ALL}; a box of more than
 * {@link GridCell#MAX_CELLS} cells is searched on {@code start_ts} alone. Both then keep the rows
 * inside the box; a radius search then keeps those within the radius (haversine, in code).
 *
 * <p>Thread-safe; every call borrows a pooled connection for its duration. Failures are
 * {@link VigilException}s: UNAVAILABLE when the database cannot be reached, INVALID_ARGUMENT for
 * bad arguments.
 */
public final class RecordingRepository {
    /** The most rows one query returns. */
    public static final int MAX_ROWS = 100_000;

    static final String COLUMNS = "id, camera_id, site_id, camera_kind, start_ts, end_ts, bytes, codec, width,"
            + " height, object_key, sha256, lat, lon, heading";
    private static final String INSERT = "INSERT INTO recordings (camera_id, site_id, camera_kind, start_ts, end_ts,"
            + " bytes, codec, width, height, object_key, sha256, lat, lon, heading, cell)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Overlap with [from, to), the start bounded below so that (.., start_ts) indexes seek a range. */
    private static final String OVERLAPS = "start_ts >= ? AND start_ts < ? AND end_ts > ?";
    private static final String IN_BOX = "lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?";

    private final DataSource dataSource;

    public RecordingRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Adds a recording unless one with its object key exists. Idempotent: inserting the same
     * recording again (a re-upload after a crash) returns the existing row, {@code created false}.
     *
     * @throws VigilException ALREADY_EXISTS if a row with this object key holds a different
     *     recording (another hash, size, camera or time): an object key names one object forever
     */
    public Inserted<RecordingRow> insert(Recording recording) {
        Objects.requireNonNull(recording, "recording");
        String what = "catalog: insert recording " + recording.objectKey();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement p = c.prepareStatement(INSERT, new String[] {"id"})) {
                bind(p, recording);
                p.executeUpdate();
                try (ResultSet keys = p.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new VigilException(ErrorKind.INTERNAL, what + ": no id generated");
                    }
                    return new Inserted<>(new RecordingRow(keys.getLong(1), recording), true);
                }
            } catch (SQLException e) {
                if (!CatalogSql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
            RecordingRow existing = findByObjectKey(c, recording.objectKey()).orElseThrow(() -> new VigilException(
                    ErrorKind.UNAVAILABLE, what + ": the key was taken, then gone; retry"));
            if (!existing.recording().equals(recording)) {
                throw new VigilException(ErrorKind.ALREADY_EXISTS, what + ": the catalog holds another recording"
                        + " under this key (sha256 " + existing.recording().sha256() + ", " + existing.recording().bytes()
                        + " bytes, camera " + existing.recording().camera() + ", " + existing.recording().interval()
                        + ")");
            }
            return new Inserted<>(existing, false);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** The recording stored under {@code objectKey}, if any. */
    public Optional<RecordingRow> findByObjectKey(String objectKey) {
        Objects.requireNonNull(objectKey, "objectKey");
        try (Connection c = dataSource.getConnection()) {
            return findByObjectKey(c, objectKey);
        } catch (SQLException e) {
            throw failure("catalog: find recording " + objectKey, e);
        }
    }

    private static Optional<RecordingRow> findByObjectKey(Connection c, String objectKey) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM recordings WHERE object_key = ?")) {
            p.setString(1, objectKey);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /**
     * The camera's recordings that overlap {@code [from, to)}, by start.
     *
     * @throws VigilException RESOURCE_EXHAUSTED if there are more than {@link #MAX_ROWS}
     */
    public List<RecordingRow> findByCamera(CameraId camera, Instant from, Instant to) {
        Objects.requireNonNull(camera, "camera");
        Interval range = new Interval(from, to);
        String what = "catalog: recordings of camera " + camera + " in " + range;
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM recordings WHERE camera_id = ? AND "
                        + OVERLAPS + " ORDER BY start_ts, id")) {
            p.setString(1, camera.value());
            bindOverlap(p, 2, range);
            p.setMaxRows(MAX_ROWS + 1);
            List<RecordingRow> rows = readAll(p);
            if (rows.size() > MAX_ROWS) {
                throw new VigilException(ErrorKind.RESOURCE_EXHAUSTED, what + ": more than " + MAX_ROWS
                        + " segments; ask for a shorter range");
            }
            return rows;
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /**
     * Recordings of any camera inside {@code box} (edges included) that overlap {@code [from, to)}:
     * the first {@code limit} by start. Recordings without a location are never found.
     *
     * @param limit 1..{@link #MAX_ROWS}
     */
    public List<RecordingRow> findInArea(SearchArea.Bounds box, Instant from, Instant to, int limit) {
        Objects.requireNonNull(box, "box");
        return findInArea(box, new Interval(from, to), checkLimit(limit), null, 0);
    }

    /**
     * Recordings of any camera within {@code radiusMetres} of {@code centre} (great-circle
     * distance) that overlap {@code [from, to)}: the first {@code limit} by start.
     *
     * @param radiusMetres more than 0, at most {@link SearchArea.Bounds#MAX_AROUND_METRES}
     * @param limit 1..{@link #MAX_ROWS}
     */
    public List<RecordingRow> findNear(GeoPoint centre, double radiusMetres, Instant from, Instant to, int limit) {
        Objects.requireNonNull(centre, "centre");
        SearchArea.Bounds box = SearchArea.Bounds.around(centre, radiusMetres);
        return findInArea(box, new Interval(from, to), checkLimit(limit), centre, radiusMetres);
    }

    private List<RecordingRow> findInArea(SearchArea.Bounds box, Interval range, int limit, GeoPoint centre, double radius) {
        String what = "catalog: recordings in " + box + (centre != null ? " within " + radius + " m of "
                + centre.lat() + "," + centre.lon() : "") + " in " + range;
        List<Integer> cells = GridCell.covering(box, GridCell.MAX_CELLS).orElse(Collections.emptyList());
        String branch = "SELECT " + COLUMNS + " FROM recordings WHERE %s" + OVERLAPS + " AND " + IN_BOX;
        String sql = cells.isEmpty() ? String.format(branch, "")
                : String.join(" UNION ALL ", Collections.nCopies(cells.size(), String.format(branch, "cell = ? AND ")));
        // With a radius the rows past the SQL limit may be needed: rows in the box's corners are dropped.
        sql += " ORDER BY start_ts, id" + (centre == null ? " LIMIT " + limit : "");
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            int index = 1;
            for (Integer cell : cells.isEmpty() ? Collections.<Integer>singletonList(null) : cells) {
                if (cell != null) {
                    p.setInt(index++, cell);
                }
                index = bindOverlap(p, index, range);
                p.setDouble(index++, box.minLat());
                p.setDouble(index++, box.maxLat());
                p.setDouble(index++, box.minLon());
                p.setDouble(index++, box.maxLon());
            }
            List<RecordingRow> rows = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rows.size() < limit && rs.next()) {
                    RecordingRow row = read(rs);
                    if (centre == null || centre.distanceMetres(row.recording().location()) <= radius) {
                        rows.add(row);
                    }
                }
            }
            return List.copyOf(rows);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /**
     * What the camera recorded in {@code [from, to)}: covered intervals and gaps, seams of at most
     * {@code maxGap} merged (see {@link Coverage#of}).
     *
     * @param maxGap not negative; {@link Coverage#DEFAULT_TOLERANCE} suits key-frame-cut segments
     */
    public Coverage coverage(CameraId camera, Instant from, Instant to, Duration maxGap) {
        Objects.requireNonNull(camera, "camera");
        Interval window = new Interval(from, to);
        String what = "catalog: coverage of camera " + camera + " in " + window;
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT start_ts, end_ts FROM recordings WHERE camera_id = ? AND "
                        + OVERLAPS + " ORDER BY start_ts")) {
            p.setString(1, camera.value());
            bindOverlap(p, 2, window);
            List<Interval> segments = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    segments.add(new Interval(getInstant(rs, "start_ts"), getInstant(rs, "end_ts")));
                }
            }
            return Coverage.of(window, segments, maxGap);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_ROWS) {
            throw VigilException.invalid("limit must be within 1.." + MAX_ROWS + ", was " + limit);
        }
        return limit;
    }

    private static int bindOverlap(PreparedStatement p, int index, Interval range) throws SQLException {
        setInstant(p, index, range.start().minus(Recording.MAX_DURATION));
        setInstant(p, index + 1, range.end());
        setInstant(p, index + 2, range.start());
        return index + 3;
    }

    private static List<RecordingRow> readAll(PreparedStatement p) throws SQLException {
        List<RecordingRow> rows = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                rows.add(read(rs));
            }
        }
        return rows;
    }

    private static void bind(PreparedStatement p, Recording r) throws SQLException {
        p.setString(1, r.camera().value());
        p.setString(2, r.site().value());
        p.setString(3, kindName(r.kind()));
        setInstant(p, 4, r.start());
        setInstant(p, 5, r.end());
        p.setLong(6, r.bytes());
        p.setString(7, r.codec().wireName());
        setNullableInt(p, 8, r.width());
        setNullableInt(p, 9, r.height());
        p.setString(10, r.objectKey());
        p.setString(11, r.sha256());
        GeoPoint at = r.location();
        setNullableDouble(p, 12, at == null ? null : at.lat());
        setNullableDouble(p, 13, at == null ? null : at.lon());
        setNullableDouble(p, 14, at == null ? null : at.heading());
        setNullableInt(p, 15, at == null ? null : GridCell.of(at.lat(), at.lon()));
    }

    static RecordingRow read(ResultSet rs) throws SQLException {
        Double lat = getDouble(rs, "lat");
        Double lon = getDouble(rs, "lon");
        GeoPoint location = lat == null || lon == null ? null : new GeoPoint(lat, lon, getDouble(rs, "heading"));
        Recording recording = new Recording(
                CameraId.of(rs.getString("camera_id")),
                SiteId.of(rs.getString("site_id")),
                kindOf(rs.getString("camera_kind")),
                getInstant(rs, "start_ts"),
                getInstant(rs, "end_ts"),
                rs.getLong("bytes"),
                Codec.valueOf(rs.getString("codec").toUpperCase(Locale.ROOT)),
                getInteger(rs, "width"),
                getInteger(rs, "height"),
                rs.getString("object_key"),
                rs.getString("sha256"),
                location);
        return new RecordingRow(rs.getLong("id"), recording);
    }

    static String kindName(CameraKind kind) {
        return kind == null ? null : kind.name().toLowerCase(Locale.ROOT);
    }

    static CameraKind kindOf(String name) {
        return name == null ? null : CameraKind.valueOf(name.toUpperCase(Locale.ROOT));
    }

    private static void setNullableInt(PreparedStatement p, int index, Integer value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.INTEGER);
        } else {
            p.setInt(index, value);
        }
    }

    private static void setNullableDouble(PreparedStatement p, int index, Double value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.DOUBLE);
        } else {
            p.setDouble(index, value);
        }
    }
}
