package dev.vigil.bench.alerts;

import dev.vigil.api.auth.TokenAuthenticator;
import dev.vigil.api.http.ApiServer;
import dev.vigil.api.http.RouteTable;
import dev.vigil.api.routes.AlertRoutes;
import dev.vigil.bench.RunOptions;
import dev.vigil.core.access.Role;
import dev.vigil.core.access.SiteScope;
import dev.vigil.core.access.TokenIssuer;
import dev.vigil.core.config.ApiConfig;
import dev.vigil.core.config.ApiLimitsConfig;
import dev.vigil.core.config.CatalogConfig;
import dev.vigil.core.port.AlertMedia;
import dev.vigil.core.review.AlertQuery;
import dev.vigil.storage.catalog.AuditRepository;
import dev.vigil.storage.catalog.Catalog;
import dev.vigil.storage.catalog.CatalogAlertSearch;
import dev.vigil.storage.catalog.TokenRepository;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Requests per second of the operators' alert listing ({@code GET /api/v1/alerts}) over real HTTP
 * against the real routes ({@link AlertRoutes}, token check, JSON) on the embedded H2 catalog
 * holding {@code alerts} alerts (30 days, 200 cameras on 20 sites, fixed seed, loaded once with
 * {@code --reuse true}). Each query shape is driven by {@code clients} threads for
 * {@code seconds} seconds (after a warm-up of the same length), one request at a time per client;
 * the report gives req/s, p50 and p99 in ms, and as a baseline the same query straight through
 * {@link CatalogAlertSearch} (no HTTP, no JSON) with the same threads, so the API's cost shows as a
 * ratio.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.vigil.bench.alerts.AlertListingRun --data-dir /tmp/alerts-1m
 *     --alerts 1000000 [--clients 4] [--seconds 10] [--reuse true]
 * </pre>
 */
public final class AlertListingRun {
    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    private static final long SPAN_SECONDS = 30L * 86_400;

    private AlertListingRun() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = RunOptions.parse(args);
        Path dir = Path.of(a.getOrDefault("data-dir", "/tmp/vigil-alert-listing"));
        int alerts = Integer.parseInt(a.getOrDefault("alerts", "1000000"));
        int clients = Integer.parseInt(a.getOrDefault("clients", "4"));
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "10"));
        try (Catalog catalog = Catalog.open(new CatalogConfig(null, null, null), dir, Map.of())) {
            long have = count(catalog);
            if (have != alerts || !Boolean.parseBoolean(a.getOrDefault("reuse", "true"))) {
                long t0 = System.nanoTime();
                fill(catalog, alerts);
                System.out.printf(Locale.ROOT, "loaded %d alerts in %.1f s%n", alerts, (System.nanoTime() - t0) / 1e9);
            }
            CatalogAlertSearch search = new CatalogAlertSearch(catalog.dataSource());
            TokenRepository tokens = new TokenRepository(catalog.dataSource());
            String secret = new TokenIssuer(tokens, new SecureRandom(), Clock.systemUTC()).issue(Role.OPERATOR,
                    SiteScope.ALL, "bench", "bench").secret();
            AlertMedia none = new AlertMedia() {
                @Override
                public Optional<StoredObject> snapshot(String key) {
                    return Optional.empty();
                }

                @Override
                public Optional<StoredObject> clip(String key) {
                    return Optional.empty();
                }
            };
            ApiLimitsConfig limits = new ApiLimitsConfig(null, null, 1e9, 1_000_000, null, null, Math.max(4, clients));
            try (ApiServer server = ApiServer.start(new ApiConfig("127.0.0.1", 0, limits),
                    RouteTable.of(List.of(new AlertRoutes(search, none, new AuditRepository(catalog.dataSource())))),
                    new TokenAuthenticator(tokens), c -> Optional.empty(), new PrometheusRegistry(),
                    Clock.systemUTC())) {
                String cursor = dev.vigil.core.review.AlertCursor.after(search.list(new AlertQuery(
                        dev.vigil.core.review.AlertFilter.ALL, SiteScope.ALL, null, 500)).items().get(499)).encode();
                Map<String, String> shapes = new LinkedHashMap<>();
                shapes.put("newest 50", "limit=50");
                shapes.put("one site", "site=site-07");
                shapes.put("site + severity + state", "site=site-07&severity=critical&state=open");
                shapes.put("one camera, one day", "camera=cam-042&from=2026-10-15T00:00:00Z&to=2026-10-16T00:00:00Z");
                shapes.put("second page (cursor)", "limit=50&cursor=" + cursor);
                System.out.printf(Locale.ROOT, "%-28s %10s %8s %8s | %12s %8s %8s | %6s%n", "shape", "http req/s", "p50 ms",
                        "p99 ms", "jdbc q/s", "p50 ms", "p99 ms", "ratio");
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                for (Map.Entry<String, String> shape : shapes.entrySet()) {
                    URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/alerts?" + shape.getValue());
                    HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + secret).build();
                    Runnable viaHttp = () -> {
                        try {
                            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            if (r.statusCode() != 200) {
                                throw new IllegalStateException(shape.getKey() + ": " + r.statusCode() + " "
                                        + new String(r.body()));
                            }
                        } catch (java.io.IOException | InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    };
                    AlertQuery direct = direct(shape.getValue());
                    Runnable viaJdbc = () -> search.list(direct);
                    drive(viaHttp, clients, seconds);
                    double[] h = drive(viaHttp, clients, seconds);
                    drive(viaJdbc, clients, seconds / 2 + 1);
                    double[] j = drive(viaJdbc, clients, seconds);
                    System.out.printf(Locale.ROOT, "%-28s %10.0f %8.2f %8.2f | %12.0f %8.2f %8.2f | %6.2f%n", shape.getKey(),
                            h[0], h[1], h[2], j[0], j[1], j[2], j[0] / h[0]);
                }
            }
        }
    }

    /** The same query as the URL's parameters, built as the route builds it. */
    private static AlertQuery direct(String params) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        for (String pair : params.split("&")) {
            int eq = pair.indexOf('=');
            q.computeIfAbsent(pair.substring(0, eq), k -> new ArrayList<>()).add(pair.substring(eq + 1));
        }
        String limit = q.containsKey("limit") ? q.get("limit").get(0) : "50";
        var f = new dev.vigil.core.review.AlertFilter(
                q.containsKey("from") ? Instant.parse(q.get("from").get(0)) : null,
                q.containsKey("to") ? Instant.parse(q.get("to").get(0)) : null,
                q.containsKey("site") ? java.util.Set.of(dev.vigil.core.model.SiteId.of(q.get("site").get(0)))
                        : java.util.Set.of(),
                q.containsKey("camera") ? java.util.Set.of(dev.vigil.core.model.CameraId.of(q.get("camera").get(0)))
                        : java.util.Set.of(),
                java.util.Set.of(), java.util.Set.of(),
                q.containsKey("severity") ? java.util.Set.of(dev.vigil.core.alert.AlertSeverity.CRITICAL)
                        : java.util.Set.of(),
                q.containsKey("state") ? java.util.Set.of(dev.vigil.core.review.AlertState.OPEN) : java.util.Set.of());
        return new AlertQuery(f, SiteScope.ALL, q.containsKey("cursor")
                ? dev.vigil.core.review.AlertCursor.parse(q.get("cursor").get(0)) : null, Integer.parseInt(limit));
    }

    /** Runs {@code call} on {@code threads} threads for {@code seconds}; returns {req/s, p50 ms, p99 ms}. */
    private static double[] drive(Runnable call, int threads, int seconds) throws InterruptedException {
        ConcurrentLinkedQueue<long[]> all = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                long[] lat = new long[1 << 20];
                int n = 0;
                while (System.nanoTime() < end && n < lat.length) {
                    long t0 = System.nanoTime();
                    call.run();
                    lat[n++] = System.nanoTime() - t0;
                }
                all.add(Arrays.copyOf(lat, n));
            });
            th.start();
            ts.add(th);
        }
        for (Thread th : ts) {
            th.join();
        }
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new double[] {merged.length / (double) seconds, merged[merged.length / 2] / 1e6,
            merged[(int) (merged.length * 0.99)] / 1e6};
    }

    private static long count(Catalog catalog) throws Exception {
        try (Connection c = catalog.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alerts")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** {@code n} alerts: 200 cameras on 20 sites over 30 days, 3 rule types, severities and states mixed. */
    private static void fill(Catalog catalog, int n) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        String[] types = {"zone_intrusion", "line_crossing", "loitering"};
        String[] severities = {"info", "warning", "warning", "critical"};
        String[] states = {"open", "acknowledged", "dismissed", "dismissed", "escalated"};
        String message = "{\"schemaVersion\":\"1.0\",\"padding\":\"" + "x".repeat(600) + "\"}";
        try (Connection c = catalog.dataSource().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM alerts");
            }
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO alerts (alert_id, node_id, camera_id, site_id,"
                    + " source, source_ref, rule_id, rule_type, severity, lifecycle, event_start, event_end, detected_at,"
                    + " updated_at, snapshot_key, clip_state, clip_key, clip_wait_until, message, state)"
                    + " VALUES (?, 'bench', ?, ?, 'analytics', NULL, ?, ?, ?, 'CLOSED', ?, ?, ?, ?, ?, 'none', NULL, NULL,"
                    + " ?, ?)")) {
                for (int i = 0; i < n; i++) {
                    int camera = random.nextInt(200);
                    String type = types[random.nextInt(types.length)];
                    Instant start = START.plusMillis(random.nextLong(SPAN_SECONDS * 1000));
                    p.setObject(1, new UUID(random.nextLong(), random.nextLong()));
                    p.setString(2, String.format(Locale.ROOT, "cam-%03d", camera));
                    p.setString(3, String.format(Locale.ROOT, "site-%02d", camera % 20));
                    p.setString(4, type + "-" + (camera % 5));
                    p.setString(5, type);
                    p.setString(6, severities[random.nextInt(severities.length)]);
                    p.setObject(7, start.atOffset(ZoneOffset.UTC));
                    p.setObject(8, start.plusSeconds(30).atOffset(ZoneOffset.UTC));
                    p.setObject(9, start.atOffset(ZoneOffset.UTC));
                    p.setObject(10, start.plusSeconds(31).atOffset(ZoneOffset.UTC));
                    p.setString(11, "snapshots/x/" + i + ".jpg");
                    p.setString(12, message);
                    p.setString(13, states[random.nextInt(states.length)]);
                    p.addBatch();
                    if (i % 5000 == 4999) {
                        p.executeBatch();
                        c.commit();
                    }
                }
                p.executeBatch();
                c.commit();
            }
        }
    }
}
