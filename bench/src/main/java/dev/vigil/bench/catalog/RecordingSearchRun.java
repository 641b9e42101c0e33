package dev.vigil.bench.catalog;

import dev.vigil.bench.RunOptions;
import dev.vigil.core.config.CatalogConfig;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.TimeRange;
import dev.vigil.core.search.RecordingQuery;
import dev.vigil.core.search.RecordingSearchResult;
import dev.vigil.core.search.SearchArea;
import dev.vigil.storage.catalog.Catalog;
import dev.vigil.storage.catalog.CatalogRecordingSearch;
import dev.vigil.storage.catalog.GridCell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Recording search latency on a full catalog: "which cameras recorded within R metres of a point
 * during this hour", through the real {@link CatalogRecordingSearch} on the real schema (Flyway's
 * migrations, so the real indexes), on the embedded H2 file catalog or on PostgreSQL.
 *
 * <p>Data: {@code cameras} cameras at random (fixed seed) over a 0.3 x 0.3 degree city (about 33 x
 * 31 km around Hanoi), each with {@code minutes} one-minute segments of one day, inserted minute
 * by minute as recorders would (one {@code INSERT ... SELECT} per minute over a table of the
 * cameras). With {@code --reuse true} a catalog already holding that many rows is not reloaded.
 * Queries: {@code queries} searches (after {@code warmup} more) with the centre uniformly in the
 * city and a one-hour window at a random minute, one thread, timed one by one; the report gives
 * p50, p90, p99, max and mean in milliseconds, the searching thread's CPU time (p50, p99: on H2
 * the whole search runs on that thread, so this holds on a busy machine; on PostgreSQL it is the
 * client side only), the machine's load average before and after, and the cameras found per search.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.vigil.bench.catalog.RecordingSearchRun --database h2
 *     --data-dir /tmp/search-h2 --cameras 700 --minutes 1440 [--radius 1000] [--queries 2000]
 *     [--warmup 300] [--out bench/results/recording-search-h2-1m.json]
 * java ... RecordingSearchRun --database postgresql --jdbc-url jdbc:postgresql://127.0.0.1:55432/vigil
 *     --user vigil --cameras 7000 --minutes 1440
 * </pre>
 */
public final class RecordingSearchRun {
    private static final Instant DAY = Instant.parse("2026-11-26T00:00:00Z");
    private static final double MIN_LAT = 21.0;
    private static final double MIN_LON = 105.7;
    private static final double SPAN = 0.3;

    private RecordingSearchRun() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = RunOptions.parse(args);
        String database = opts.getOrDefault("database", "h2");
        int cameras = Integer.parseInt(opts.getOrDefault("cameras", "700"));
        int minutes = Integer.parseInt(opts.getOrDefault("minutes", "1440"));
        double radius = Double.parseDouble(opts.getOrDefault("radius", "1000"));
        int queries = Integer.parseInt(opts.getOrDefault("queries", "2000"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "300"));
        boolean reuse = Boolean.parseBoolean(opts.getOrDefault("reuse", "false"));
        CatalogConfig config = database.equals("h2") ? new CatalogConfig(null, null, null)
                : new CatalogConfig(opts.get("jdbc-url"), opts.getOrDefault("user", "vigil"), "VIGIL_BENCH_PASSWORD");
        Path dataDir = Path.of(opts.getOrDefault("data-dir", "/tmp/vigil-search-bench"));
        long rows = (long) cameras * minutes;

        try (Catalog catalog = Catalog.open(config, dataDir, System.getenv())) {
            double loadSeconds = 0;
            long present = count(catalog);
            if (reuse && present == rows) {
                System.out.printf(Locale.ROOT, "reusing the %d rows in %s%n", present, catalog.database());
            } else {
                if (present > 0) {
                    throw new IllegalStateException(catalog.database() + " holds " + present + " recordings; start"
                            + " from an empty catalog (or --reuse true with the same size)");
                }
                long t0 = System.nanoTime();
                load(catalog, cameras, minutes);
                loadSeconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "loaded %d rows in %.1f s (%.0f rows/s)%n", rows, loadSeconds,
                        rows / loadSeconds);
            }
            analyze(catalog, database);

            CatalogRecordingSearch search = new CatalogRecordingSearch(catalog.dataSource(), id -> null);
            SplittableRandom random = new SplittableRandom(7);
            long[] nanos = new long[queries];
            long[] cpu = new long[queries];
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
            long found = 0;
            for (int i = -warmup; i < queries; i++) {
                GeoPoint centre = GeoPoint.of(MIN_LAT + random.nextDouble() * SPAN, MIN_LON + random.nextDouble() * SPAN);
                Instant from = DAY.plusSeconds(60L * random.nextInt(Math.max(1, minutes - 60)));
                RecordingQuery query = new RecordingQuery(TimeRange.of(from, from.plusSeconds(3600)),
                        new SearchArea.Circle(centre, radius), null);
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                RecordingSearchResult result = search.search(query);
                long t1 = System.nanoTime();
                long c1 = threads.getCurrentThreadCpuTime();
                if (i >= 0) {
                    nanos[i] = t1 - t0;
                    cpu[i] = c1 - c0;
                    found += result.cameras().size();
                }
            }
            String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
            Arrays.sort(nanos);
            Arrays.sort(cpu);
            double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
            String json = String.format(Locale.ROOT, "{\"database\":\"%s\",\"catalog\":\"%s\",\"rows\":%d,\"cameras\":%d,"
                            + "\"minutes\":%d,\"loadSeconds\":%.1f,\"radiusMetres\":%.0f,\"windowSeconds\":3600,"
                            + "\"queries\":%d,\"warmup\":%d,\"p50Ms\":%.3f,\"p90Ms\":%.3f,\"p99Ms\":%.3f,\"maxMs\":%.3f,"
                            + "\"meanMs\":%.3f,\"cpuP50Ms\":%.3f,\"cpuP99Ms\":%.3f,\"camerasPerSearch\":%.2f,"
                            + "\"java\":\"%s\",\"cores\":%d,\"loadAverageBefore\":\"%s\",\"loadAverageAfter\":\"%s\","
                            + "\"at\":\"%s\"}",
                    database, catalog.database(), rows, cameras, minutes, loadSeconds, radius, queries, warmup,
                    ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99), nanos[nanos.length - 1] / 1e6, mean,
                    ms(cpu, 0.50), ms(cpu, 0.99), (double) found / queries, System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter, Instant.now());
            System.out.println(json);
            if (opts.containsKey("out")) {
                Files.writeString(Path.of(opts.get("out")), json + "\n");
            }
            if (database.equals("postgresql")) {
                explain(catalog, radius);
            }
        }
    }

    /** Nearest-rank percentile of sorted nanoseconds, in milliseconds. */
    private static double ms(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    private static long count(Catalog catalog) throws SQLException {
        try (Connection c = catalog.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM recordings")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void load(Catalog catalog, int cameras, int minutes) throws SQLException {
        SplittableRandom random = new SplittableRandom(42);
        String[] kinds = {"traffic", "security", "quarantine"};
        try (Connection c = catalog.dataSource().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_cameras");
                s.execute("CREATE TABLE bench_cameras (n INTEGER NOT NULL, cam VARCHAR(64) NOT NULL,"
                        + " kind VARCHAR(16) NOT NULL, lat DOUBLE PRECISION NOT NULL, lon DOUBLE PRECISION NOT NULL,"
                        + " cell INTEGER NOT NULL)");
            }
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO bench_cameras VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int n = 0; n < cameras; n++) {
                    double lat = MIN_LAT + random.nextDouble() * SPAN;
                    double lon = MIN_LON + random.nextDouble() * SPAN;
                    p.setInt(1, n);
                    p.setString(2, "cam-" + n);
                    p.setString(3, kinds[n % 3]);
                    p.setDouble(4, lat);
                    p.setDouble(5, lon);
                    p.setInt(6, GridCell.of(lat, lon));
                    p.addBatch();
                }
                p.executeBatch();
            }
            c.commit();
            String sha = "5".repeat(64);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO recordings (camera_id, site_id, camera_kind,"
                    + " start_ts, end_ts, bytes, codec, width, height, object_key, sha256, lat, lon, cell)"
                    + " SELECT cam, 'city', kind, ?, ?, 7500000, 'h264', 1920, 1080,"
                    + " CONCAT('segments/city/', cam, '/', CAST(? AS VARCHAR(16)), '.mp4'), '" + sha + "', lat, lon, cell"
                    + " FROM bench_cameras ORDER BY n")) {
                long t0 = System.nanoTime();
                for (int m = 0; m < minutes; m++) {
                    p.setObject(1, DAY.plusSeconds(60L * m).atOffset(ZoneOffset.UTC));
                    p.setObject(2, DAY.plusSeconds(60L * m + 60).atOffset(ZoneOffset.UTC));
                    p.setInt(3, m);
                    p.executeUpdate();
                    c.commit();
                    if ((m + 1) % 60 == 0) {
                        double s = (System.nanoTime() - t0) / 1e9;
                        System.out.printf(Locale.ROOT, "  %d of %d minutes loaded (%d rows, %.0f s)%n", m + 1, minutes,
                                (long) (m + 1) * cameras, s);
                    }
                }
            }
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE bench_cameras");
            }
        }
    }

    private static void analyze(Catalog catalog, String database) throws SQLException {
        long t0 = System.nanoTime();
        try (Connection c = catalog.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(database.equals("h2") ? "ANALYZE" : "VACUUM ANALYZE recordings");
        }
        System.out.printf(Locale.ROOT, "analyzed in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /** Prints PostgreSQL's plan for one branch of a search, to show which index it uses. */
    private static void explain(Catalog catalog, double radius) throws SQLException {
        SearchArea.Bounds b = new SearchArea.Circle(GeoPoint.of(21.15, 105.85), radius).bounds();
        List<String> plan = new ArrayList<>();
        try (Connection c = catalog.dataSource().getConnection(); PreparedStatement p = c.prepareStatement(
                "EXPLAIN (ANALYZE, BUFFERS) SELECT camera_id, site_id, camera_kind, start_ts, end_ts, lat, lon, heading"
                        + " FROM recordings WHERE cell = ? AND start_ts >= ? AND start_ts < ? AND end_ts > ?"
                        + " AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?")) {
            Instant from = DAY.plusSeconds(12 * 3600);
            p.setInt(1, GridCell.of(21.15, 105.85));
            p.setObject(2, from.minusSeconds(7200).atOffset(ZoneOffset.UTC));
            p.setObject(3, from.plusSeconds(3600).atOffset(ZoneOffset.UTC));
            p.setObject(4, from.atOffset(ZoneOffset.UTC));
            p.setDouble(5, b.minLat());
            p.setDouble(6, b.maxLat());
            p.setDouble(7, b.minLon());
            p.setDouble(8, b.maxLon());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
        }
        System.out.println("plan of one cell's branch:\n  " + String.join("\n  ", plan));
    }
}
