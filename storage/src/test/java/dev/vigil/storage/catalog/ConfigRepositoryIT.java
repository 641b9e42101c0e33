package dev.vigil.storage.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.AnalyticsConfig;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.CredentialsConfig;
import dev.vigil.core.config.LineConfig;
import dev.vigil.core.config.LocationConfig;
import dev.vigil.core.config.RuleConfig;
import dev.vigil.core.config.RuleKind;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.directory.CameraEntry;
import dev.vigil.core.directory.ConfigAction;
import dev.vigil.core.directory.ConfigAuthor;
import dev.vigil.core.directory.ConfigOrigin;
import dev.vigil.core.directory.ConfigSubject;
import dev.vigil.core.directory.ConfigVersion;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AnalyticsMode;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.Transport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Sites, cameras and their versions (V7) on H2 and PostgreSQL. */
@Timeout(180)
class ConfigRepositoryIT {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456789Z");
    private static final ConfigAuthor ANH = new ConfigAuthor("t0000000000a1", "integrator Anh");
    private static final ConfigAuthor BINH = new ConfigAuthor("t0000000000b2", "integrator Binh");
    @RegisterExtension
    static final TestCatalogs catalogs = new TestCatalogs();

    private static SiteConfig yard(String timeZone) {
        return new SiteConfig("yard", "North yard", new LocationConfig(21.59, 105.84, null), timeZone);
    }

    private static CameraConfig door(String allowed, String site) {
        AnalyticsConfig analytics = new AnalyticsConfig(AnalyticsMode.FULL, 5, null, null, null, null,
                List.of(new LineConfig("middle", List.of(List.of(0.5, 0.0), List.of(0.5, 1.0)))),
                List.of(new RuleConfig("cross", RuleKind.LINE_CROSSING, null, "middle", null, allowed, null, null, null,
                        null, null, null)), null);
        return new CameraConfig("door", site, "Door", CameraKind.TRAFFIC, "rtsp://10.0.0.5/main", null, Transport.TCP,
                new CredentialsConfig("viewer", "DOOR_PASSWORD"), new LocationConfig(21.5, 105.8, 360.0), null,
                analytics, true);
    }

    private static ErrorKind kindOf(Runnable r) {
        return assertThrows(VigilException.class, r::run).kind();
    }

    @ParameterizedTest
    @MethodSource("dev.vigil.storage.catalog.TestCatalogs#databases")
    void sitesAndCamerasAreVersionedWithWhoWhenAndWhat(String database) throws Exception {
        try (Catalog catalog = catalogs.open(database)) {
            ConfigRepository store = new ConfigRepository(catalog.dataSource());
            assertEquals(List.of(), store.sites());
            ConfigVersion site1 = store.createSite(yard("UTC"), ConfigOrigin.FILE, ConfigAuthor.FILE, T0);
            assertEquals(1, site1.version());
            assertEquals(ConfigAction.CREATE, site1.action());
            assertEquals(ErrorKind.ALREADY_EXISTS, kindOf(() -> store.createSite(yard("UTC"), ConfigOrigin.API, ANH, T0)));
            assertEquals(ErrorKind.FAILED_PRECONDITION, kindOf(() -> store.createCamera(door(null, "nowhere"),
                    ConfigOrigin.API, ANH, T0)));

            store.createCamera(door(null, "yard"), ConfigOrigin.API, ANH, T0.plusSeconds(1));
            CameraEntry created = store.camera("door").orElseThrow();
            assertEquals(door(null, "yard"), created.config());
            assertEquals(ConfigOrigin.API, created.origin());
            assertEquals(1, created.version());
            assertEquals(ANH, created.updatedBy());

            ConfigVersion v2 = store.updateCamera(door("left-to-right", "yard"), 1, BINH, T0.plusSeconds(2))
                    .orElseThrow();
            assertEquals(2, v2.version());
            assertEquals(List.of("analytics.rules[cross].allowed"), v2.changes().stream().map(c -> c.path()).toList());
            assertEquals(java.util.Optional.empty(), store.updateCamera(door("left-to-right", "yard"), null, BINH,
                    T0.plusSeconds(3)), "unchanged: no version");
            VigilException stale = assertThrows(VigilException.class,
                    () -> store.updateCamera(door(null, "yard"), 1, ANH, T0.plusSeconds(4)));
            assertEquals(ErrorKind.FAILED_PRECONDITION, stale.kind());
            assertEquals("camera door is at version 2, not 1; read it again and retry", stale.getMessage());

            VigilException inUse = assertThrows(VigilException.class, () -> store.deleteSite("yard", null, ANH, T0));
            assertEquals(ErrorKind.FAILED_PRECONDITION, inUse.kind());
            assertTrue(inUse.getMessage().contains("door"), inUse.getMessage());

            assertEquals(3, store.deleteCamera("door", 2, ANH, T0.plusSeconds(5)).version());
            assertEquals(java.util.Optional.empty(), store.camera("door"));
            assertEquals(ErrorKind.NOT_FOUND, kindOf(() -> store.deleteCamera("door", null, ANH, T0)));
            assertEquals(4, store.createCamera(door(null, "yard"), ConfigOrigin.API, BINH, T0.plusSeconds(6)).version(),
                    "a camera made again goes on counting");

            List<ConfigVersion> history = store.history(ConfigSubject.camera("door"), Integer.MAX_VALUE, 10);
            assertEquals(List.of(4, 3, 2, 1), history.stream().map(ConfigVersion::version).toList());
            assertEquals(List.of(ConfigAction.CREATE, ConfigAction.DELETE, ConfigAction.UPDATE, ConfigAction.CREATE),
                    history.stream().map(ConfigVersion::action).toList());
            ConfigVersion update = history.get(2);
            assertEquals(BINH, update.author());
            assertEquals(T0.plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.MICROS), update.at());
            assertNull(update.changes().get(0).before());
            assertEquals("left-to-right", update.changes().get(0).after().asText());
            assertEquals("door", history.get(1).changes().get(0).before().get("id").asText(), "a delete keeps what was");
            assertEquals(List.of(2, 1), store.history(ConfigSubject.camera("door"), 3, 10).stream()
                    .map(ConfigVersion::version).toList(), "paged by version");

            store.updateSite(yard("Asia/Ho_Chi_Minh"), 1, ANH, T0.plusSeconds(7));
            assertEquals("Asia/Ho_Chi_Minh", store.site("yard").orElseThrow().config().timeZone());
            try (Connection c = catalog.dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT s.time_zone, c.kind, c.heading, c.name FROM sites s"
                            + " JOIN cameras c ON c.site_id = s.id")) {
                assertTrue(rs.next());
                assertEquals("Asia/Ho_Chi_Minh", rs.getString(1));
                assertEquals("traffic", rs.getString(2), "searches read the columns");
                assertEquals(0.0, rs.getDouble(3), "heading 360 is north, as 0");
                assertEquals("Door", rs.getString(4));
            }
            store.deleteCamera("door", null, ANH, T0.plusSeconds(8));
            assertEquals(3, store.deleteSite("yard", 2, ANH, T0.plusSeconds(9)).version());
            assertEquals(List.of(), store.sites());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.vigil.storage.catalog.TestCatalogs#databases")
    void concurrentEditsOfOneVersionLetExactlyOneThrough(String database) throws Exception {
        try (Catalog catalog = catalogs.open(database)) {
            ConfigRepository store = new ConfigRepository(catalog.dataSource());
            store.createSite(yard("UTC"), ConfigOrigin.API, ANH, T0);
            store.createCamera(door(null, "yard"), ConfigOrigin.API, ANH, T0);
            int writers = 8;
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            List<String> directions = List.of("left-to-right", "right-to-left", "top-to-bottom", "bottom-to-top");
            for (int i = 0; i < writers; i++) {
                String allowed = directions.get(i % directions.size());
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        store.updateCamera(door(allowed, "yard"), 1, ANH, T0.plusSeconds(1));
                        return true;
                    } catch (VigilException e) {
                        assertEquals(ErrorKind.FAILED_PRECONDITION, e.kind(), e.getMessage());
                        return false;
                    }
                }));
            }
            go.countDown();
            int won = 0;
            for (Future<Boolean> f : results) {
                won += f.get() ? 1 : 0;
            }
            pool.shutdown();
            assertEquals(1, won);
            assertEquals(2, store.camera("door").orElseThrow().version());
            assertEquals(2, store.history(ConfigSubject.camera("door"), Integer.MAX_VALUE, 10).size());
        }
    }
}
