package dev.vigil.storage.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.directory.ManagedCamera;
import dev.vigil.core.directory.ManagedSite;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.model.Transport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Sites and cameras managed through the API, on H2 and PostgreSQL; passwords write-only. */
@Timeout(180)
class CameraDirectoryRepositoryIT {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    @TempDir
    static Path dir;
    private static TestCatalogs catalogs;

    @BeforeAll
    static void start() {
        catalogs = new TestCatalogs(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        catalogs.close();
    }

    private static ManagedCamera camera(String site, String user, Instant updated) {
        return new ManagedCamera(CameraId.of("gate-3"), SiteId.of(site), "Gate 3", CameraKind.TRAFFIC,
                "rtsp://10.20.0.3:554/stream1", Transport.TCP, user, false, new GeoPoint(10.77, 106.7, 90.0), T0,
                updated);
    }

    @ParameterizedTest
    @MethodSource("dev.vigil.storage.catalog.TestCatalogs#databases")
    void sitesAndCamerasRoundTripAndPasswordsStayInside(String database) {
        try (Catalog catalog = catalogs.open(database)) {
            CameraDirectoryRepository d = new CameraDirectoryRepository(catalog.dataSource());
            assertTrue(d.putSite(new ManagedSite(SiteId.of("yard"), "Yard", GeoPoint.of(10.7, 106.6))));
            assertFalse(d.putSite(new ManagedSite(SiteId.of("yard"), "The yard", null)), "replaced");
            assertEquals("The yard", d.site(SiteId.of("yard")).orElseThrow().name());
            d.putSite(new ManagedSite(SiteId.of("dock"), "Dock", null));

            VigilException noSite = assertThrows(VigilException.class, () -> d.createCamera(camera("nowhere", null, T0),
                    null));
            assertEquals(ErrorKind.FAILED_PRECONDITION, noSite.kind());
            d.createCamera(camera("yard", "viewer", T0), "s3cret");
            ManagedCamera stored = d.camera(CameraId.of("gate-3")).orElseThrow();
            assertTrue(stored.hasPassword());
            assertEquals(camera("yard", "viewer", T0).url(), stored.url());
            assertEquals(90.0, stored.location().heading());
            assertEquals(Optional.of("s3cret"), d.password(CameraId.of("gate-3")));
            assertEquals(ErrorKind.ALREADY_EXISTS, assertThrows(VigilException.class,
                    () -> d.createCamera(camera("yard", null, T0), null)).kind());

            assertTrue(d.updateCamera(camera("dock", "viewer", T0.plusSeconds(5)), null));
            assertEquals(Optional.of("s3cret"), d.password(CameraId.of("gate-3")), "no password given: kept");
            assertEquals(SiteId.of("dock"), d.camera(CameraId.of("gate-3")).orElseThrow().site());
            d.updateCamera(camera("dock", "viewer", T0.plusSeconds(6)), "n3w");
            assertEquals(Optional.of("n3w"), d.password(CameraId.of("gate-3")));
            d.updateCamera(camera("dock", null, T0.plusSeconds(7)), null);
            assertFalse(d.camera(CameraId.of("gate-3")).orElseThrow().hasPassword(), "no user: no password");

            assertEquals(ErrorKind.FAILED_PRECONDITION, assertThrows(VigilException.class,
                    () -> d.deleteSite(SiteId.of("dock"))).kind());
            assertEquals(List.of(SiteId.of("dock"), SiteId.of("yard")), d.sites().stream().map(ManagedSite::id).toList());
            assertTrue(d.deleteCamera(CameraId.of("gate-3")));
            assertFalse(d.deleteCamera(CameraId.of("gate-3")));
            assertTrue(d.deleteSite(SiteId.of("dock")));
            assertTrue(d.cameras().isEmpty());
        }
    }
}
