package dev.vigil.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AnalyticsEventTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static AnalyticsEvent event(AnalyticsEventPhase phase, Instant end, byte[] jpeg) {
        return new AnalyticsEvent(UUID.randomUUID(), CameraId.of("gate-3"), "yard", AnalyticsEventType.ZONE_INTRUSION,
                phase, "person", 7, 0.8, List.of(new NormalizedBox(0.1, 0.1, 0.2, 0.3)), "walkway", T0, end,
                Map.of(), jpeg);
    }

    @Test
    void endIsSetOnEndOnly() {
        assertThrows(VigilException.class, () -> event(AnalyticsEventPhase.START, T0, null));
        VigilException e = assertThrows(VigilException.class, () -> event(AnalyticsEventPhase.END, null, null));
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
        assertThrows(VigilException.class, () -> event(AnalyticsEventPhase.END, T0.minusSeconds(1), null));
        assertEquals(T0, event(AnalyticsEventPhase.END, T0, null).end());
    }

    @Test
    void snapshotIsCopiedInAndOut() {
        byte[] jpeg = {1, 2, 3};
        AnalyticsEvent e = event(AnalyticsEventPhase.START, null, jpeg);
        jpeg[0] = 9;
        e.snapshotJpeg()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, e.snapshotJpeg());
        assertTrue(e.hasSnapshot());
        assertEquals(0, event(AnalyticsEventPhase.START, null, null).snapshotJpeg().length);
    }

    @Test
    void boxesStayInTheUnitSquare() {
        assertThrows(VigilException.class, () -> new NormalizedBox(0.5, 0, 0.6, 0.1));
        assertThrows(VigilException.class, () -> new NormalizedBox(-0.1, 0, 0.1, 0.1));
        assertThrows(VigilException.class, () -> new NormalizedBox(Double.NaN, 0, 0.1, 0.1));
        NormalizedBox clipped = NormalizedBox.ofPixels(600, 300, 100, 100, 640, 360);
        assertEquals(1.0, clipped.right(), 1e-12);
        assertEquals(1.0, clipped.bottom(), 1e-12);
    }

    @Test
    void iouOfHalfOverlappingBoxes() {
        NormalizedBox a = new NormalizedBox(0, 0, 0.2, 0.2);
        NormalizedBox b = new NormalizedBox(0.1, 0, 0.2, 0.2);
        assertEquals(0.02 / 0.06, a.iou(b), 1e-12);
        assertEquals(0, a.iou(new NormalizedBox(0.5, 0.5, 0.1, 0.1)));
        assertEquals(0.3, a.union(b).width(), 1e-12);
        assertEquals(0.2, a.union(b).height(), 1e-12);
    }
}
