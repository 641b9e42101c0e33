package dev.vigil.storage.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.SiteId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ClipRepository and LegalHoldRepository on the embedded H2 file database and on a real PostgreSQL. */
@Timeout(180)
class ClipAndLegalHoldRepositoryIT {
    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
    private static final CameraId GATE = CameraId.of("gate-3");

    @RegisterExtension
    static final TestCatalogs catalogs = new TestCatalogs();

    static List<String> databases() {
        return TestCatalogs.databases().toList();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void clipsAreStoredOnceAndFoundByCameraAndTime(String database) {
        try (Catalog catalog = catalogs.open(database)) {
            ClipRepository clips = new ClipRepository(catalog.dataSource());
            Clip clip = clip("clips/gate-3/alert-8f3c.mp4", T, T.plusSeconds(20), T.plusSeconds(25));
            Inserted<ClipRow> first = clips.insert(clip);
            assertTrue(first.created());
            // Cut again after a restart: same object, a later creation time; still one row.
            Inserted<ClipRow> again = clips.insert(clip("clips/gate-3/alert-8f3c.mp4", T, T.plusSeconds(20),
                    T.plusSeconds(90)));
            assertFalse(again.created());
            assertEquals(first.row(), again.row());
            VigilException e = assertThrows(VigilException.class,
                    () -> clips.insert(clip("clips/gate-3/alert-8f3c.mp4", T, T.plusSeconds(21), T)));
            assertEquals(ErrorKind.ALREADY_EXISTS, e.kind());

            clips.insert(clip("clips/gate-3/later.mp4", T.plusSeconds(600), T.plusSeconds(610), T));
            assertEquals(List.of(first.row()), clips.findByCamera(GATE, T.plusSeconds(10), T.plusSeconds(600)));
            assertEquals(2, clips.findByCamera(GATE, T, T.plusSeconds(3600)).size());
            assertEquals(clip, clips.findByObjectKey("clips/gate-3/alert-8f3c.mp4").orElseThrow().clip());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void holdsArePlacedListedAndReleasedOnce(String database) {
        try (Catalog catalog = catalogs.open(database)) {
            LegalHoldRepository holds = new LegalHoldRepository(catalog.dataSource());
            Interval evening = Interval.of(T, T.plusSeconds(3600));
            LegalHold byCamera = holds.place("CASE-2026-0117", HoldTarget.camera(GATE, evening),
                    "burglary at gate 3", "insp.tran", T.plusSeconds(7200));
            LegalHold byKey = holds.place("CASE-2026-0117", HoldTarget.object("clips/gate-3/alert-8f3c.mp4"), null,
                    "insp.tran", T.plusSeconds(7300));
            holds.place("CASE-2026-0200", HoldTarget.object("x.mp4"), null, "sgt.le", T.plusSeconds(7400));
            assertEquals(List.of(byCamera, byKey), holds.findByCase("CASE-2026-0117"));
            assertEquals(3, holds.active().size());

            assertTrue(holds.isHeld(GATE, Interval.of(T.minusSeconds(60), T), "any"), "touching the range counts");
            assertTrue(holds.isHeld(GATE, Interval.of(T.plusSeconds(600), T.plusSeconds(660)), "any"));
            assertFalse(holds.isHeld(GATE, Interval.of(T.plusSeconds(3660), T.plusSeconds(3720)), "any"));
            assertFalse(holds.isHeld(CameraId.of("gate-4"), evening, "any"));
            assertTrue(holds.isHeld(CameraId.of("gate-4"), evening, "clips/gate-3/alert-8f3c.mp4"));

            LegalHold released = holds.release(byCamera.id(), "prosecutor.vo", T.plusSeconds(86_400));
            assertFalse(released.active());
            assertEquals("prosecutor.vo", released.releasedBy());
            assertFalse(holds.isHeld(GATE, Interval.of(T.plusSeconds(600), T.plusSeconds(660)), "any"));
            assertEquals(2, holds.active().size());
            assertEquals(2, holds.findByCase("CASE-2026-0117").size(), "released holds stay on record");

            VigilException twice = assertThrows(VigilException.class,
                    () -> holds.release(byCamera.id(), "someone", T.plusSeconds(90_000)));
            assertEquals(ErrorKind.FAILED_PRECONDITION, twice.kind());
            assertEquals(ErrorKind.NOT_FOUND, assertThrows(VigilException.class,
                    () -> holds.release(999_999, "someone", T)).kind());
            assertThrows(VigilException.class, () -> holds.place(" ", HoldTarget.object("k"), null, "a", T));
            assertThrows(VigilException.class, () -> new HoldTarget(GATE, null, null));
            assertThrows(VigilException.class, () -> HoldTarget.camera(GATE, Interval.of(T, T)));
        }
    }

    private static Clip clip(String key, Instant start, Instant end, Instant created) {
        return new Clip(GATE, SiteId.of("yard"), CameraKind.SECURITY, start, end, "alert 8f3c: person in zone gate",
                key, TestCatalogs.sha256Of(key), 2_500_000, created);
    }
}
