package dev.vigil.storage.catalog;

import static dev.vigil.storage.catalog.CatalogSql.failure;
import static dev.vigil.storage.catalog.CatalogSql.getDouble;
import static dev.vigil.storage.catalog.CatalogSql.getInstant;
import static dev.vigil.storage.catalog.CatalogSql.setInstant;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.model.TimeRange;
import dev.vigil.core.port.RecordingSearch;
import dev.vigil.core.search.CameraCoverage;
import dev.vigil.core.search.RecordingQuery;
import dev.vigil.core.search.RecordingSearchResult;
import dev.vigil.core.search.SearchArea;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * {@link RecordingSearch} on the catalog's recordings table.
 *
 * <p>Implementation notes. The area's bounds become the {@link GridCell}s that cover them, one
 * range seek on the {@code (cell, start_ts)} index per cell: one prepared statement, executed
 * once per cell on one connection (bounds of more than {@link GridCell#MAX_CELLS} cells are
 * searched on {@code (start_ts)} alone). Not one {@code UNION ALL} of the branches: on H2 2.5 a
 * union of nine branches costs about 12 ms of CPU to run where nine executions of one statement
 * cost about 1-3 ms (measured on the 1 M-row catalog of {@code RecordingSearchRun}); SQL keeps
 * the rows inside the bounds, of the kind asked for, overlapping the window; this class then keeps
 * the rows whose position lies in the area itself (the exact circle or polygon), groups them by
 * camera and merges each camera's segments into {@link Coverage} with
 * {@link Coverage#DEFAULT_TOLERANCE}. Only the columns of the index
 * {@code recordings_cell_search_idx} (migration V8) are read, so both databases answer from the
 * index alone, never visiting the table, whose rows lie in recording order (one page per
 * camera-minute); rows come unordered. Cells are {@code AreaSearchBenchmark}'s choice; the timing
 * over 1 M (H2) and 10 M (PostgreSQL) rows is {@code RecordingSearchRun}'s (README, Police).
 *
 * <p>Limits: one search reads at most {@link #MAX_ROWS} recordings inside the bounds; more fail
 * with RESOURCE_EXHAUSTED before anything is returned (a partial answer would show false gaps).
 * Thread-safe; each search borrows one pooled connection.
 */
public final class CatalogRecordingSearch implements RecordingSearch {
    /** The most recordings one search reads: a day of 70 cameras' one-minute segments. */
    public static final int MAX_ROWS = 100_000;

    private static final String BRANCH = "SELECT camera_id, site_id, camera_kind, start_ts, end_ts, lat, lon, heading"
            + " FROM recordings WHERE %sstart_ts >= ? AND start_ts < ? AND end_ts > ?"
            + " AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?%s";

    private final DataSource dataSource;
    private final Function<CameraId, String> names;
    private final int maxRows;

    /**
     * @param names a camera's display name, or {@code null} when unknown (then its id is shown);
     *     must be fast and thread-safe
     */
    public CatalogRecordingSearch(DataSource dataSource, Function<CameraId, String> names) {
        this(dataSource, names, MAX_ROWS);
    }

    /** With another row limit (tests). */
    CatalogRecordingSearch(DataSource dataSource, Function<CameraId, String> names, int maxRows) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.names = Objects.requireNonNull(names, "names");
        this.maxRows = maxRows;
    }

    /** One recording inside the area. */
    private record Hit(CameraId camera, SiteId site, CameraKind kind, Instant start, Instant end, GeoPoint location) {}

    @Override
    public RecordingSearchResult search(RecordingQuery query) {
        Objects.requireNonNull(query, "query");
        SearchArea.Bounds box = query.area().bounds();
        List<Integer> cells = GridCell.covering(box, GridCell.MAX_CELLS).orElse(Collections.emptyList());
        String sql = String.format(BRANCH, cells.isEmpty() ? "" : "cell = ? AND ",
                query.kind() == null ? "" : " AND camera_kind = ?");
        String what = "catalog: recordings in the " + query.area().getClass().getSimpleName().toLowerCase(Locale.ROOT)
                + " within " + box + " in " + query.window();
        Map<CameraId, List<Hit>> byCamera = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            int rows = 0;
            for (Integer cell : cells.isEmpty() ? Collections.<Integer>singletonList(null) : cells) {
                int index = 1;
                if (cell != null) {
                    p.setInt(index++, cell);
                }
                setInstant(p, index++, query.window().start().minus(Recording.MAX_DURATION));
                setInstant(p, index++, query.window().end());
                setInstant(p, index++, query.window().start());
                p.setDouble(index++, box.minLat());
                p.setDouble(index++, box.maxLat());
                p.setDouble(index++, box.minLon());
                p.setDouble(index++, box.maxLon());
                if (query.kind() != null) {
                    p.setString(index, RecordingRepository.kindName(query.kind()));
                }
                p.setMaxRows(maxRows + 1 - rows);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        if (++rows > maxRows) {
                            throw new VigilException(ErrorKind.RESOURCE_EXHAUSTED, "the area and window hold more than "
                                    + maxRows + " recordings; narrow the window or the area");
                        }
                        Hit hit = read(rs);
                        if (query.area().contains(hit.location())) {
                            byCamera.computeIfAbsent(hit.camera(), k -> new ArrayList<>()).add(hit);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
        List<CameraCoverage> cameras = new ArrayList<>();
        Interval window = new Interval(query.window().start(), query.window().end());
        for (Map.Entry<CameraId, List<Hit>> e : byCamera.entrySet()) {
            cameras.add(coverage(e.getKey(), e.getValue(), window, query.area()));
        }
        Comparator<CameraCoverage> order = query.area() instanceof SearchArea.Circle
                ? Comparator.comparing(CameraCoverage::distanceMetres).thenComparing(CameraCoverage::camera)
                : Comparator.comparing(CameraCoverage::camera);
        cameras.sort(order);
        return new RecordingSearchResult(query, cameras);
    }

    private CameraCoverage coverage(CameraId camera, List<Hit> hits, Interval window, SearchArea area) {
        Hit latest = hits.stream().max(Comparator.comparing(Hit::start).thenComparing(Hit::end)).orElseThrow();
        Coverage coverage = Coverage.of(window, hits.stream().map(h -> new Interval(h.start(), h.end())).toList(),
                Coverage.DEFAULT_TOLERANCE);
        String name = names.apply(camera);
        Double distance = area instanceof SearchArea.Circle circle
                ? circle.centre().distanceMetres(latest.location()) : null;
        return new CameraCoverage(camera, name == null ? camera.value() : name, latest.site(), latest.kind(), latest.location(),
                distance, ranges(coverage.covered()), ranges(coverage.gaps()));
    }

    private static List<TimeRange> ranges(List<Interval> intervals) {
        return intervals.stream().map(i -> new TimeRange(i.start(), i.end())).toList();
    }

    private static Hit read(ResultSet rs) throws SQLException {
        return new Hit(CameraId.of(rs.getString("camera_id")), SiteId.of(rs.getString("site_id")), RecordingRepository.kindOf(rs.getString("camera_kind")),
                getInstant(rs, "start_ts"), getInstant(rs, "end_ts"),
                new GeoPoint(rs.getDouble("lat"), rs.getDouble("lon"), getDouble(rs, "heading")));
    }
}
