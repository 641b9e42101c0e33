package dev.vigil.core.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OfflineDetectorTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final CameraId CAM = CameraId.of("gate-1");

    @Test
    void offlineAfterTheSilenceThenOnlineWhenPicturesComeBack() {
        OfflineDetector d = new OfflineDetector(Duration.ofSeconds(30), T0);
        assertNull(d.observe(CAM, T0.plusSeconds(1), T0.plusSeconds(30)));
        OfflineDetector.Transition off = d.observe(CAM, T0.plusSeconds(1), T0.plusSeconds(31));
        assertEquals(new OfflineDetector.Transition(CAM, false, T0.plusSeconds(1)), off);
        assertTrue(d.isOffline(CAM));
        assertNull(d.observe(CAM, T0.plusSeconds(1), T0.plusSeconds(90)), "reported once");
        OfflineDetector.Transition on = d.observe(CAM, T0.plusSeconds(95), T0.plusSeconds(96));
        assertEquals(new OfflineDetector.Transition(CAM, true, T0.plusSeconds(95)), on);
        assertFalse(d.isOffline(CAM));
    }

    @Test
    void aCameraThatNeverDeliveredCountsFromTheWatchStartAndAnOpenAlertFromBeforeCanClose() {
        OfflineDetector d = new OfflineDetector(Duration.ofSeconds(10), T0);
        assertNull(d.observe(CAM, null, T0.plusSeconds(9)));
        assertEquals(T0, d.observe(CAM, null, T0.plusSeconds(10)).at());
        OfflineDetector restarted = new OfflineDetector(Duration.ofSeconds(10), T0.plusSeconds(600));
        restarted.markOffline(CAM, T0);
        assertNull(restarted.observe(CAM, null, T0.plusSeconds(700)), "still no pictures: nothing new");
        assertTrue(restarted.observe(CAM, T0.plusSeconds(701), T0.plusSeconds(702)).online());
        assertThrows(VigilException.class, () -> new OfflineDetector(Duration.ofMillis(10), T0));
    }
}
