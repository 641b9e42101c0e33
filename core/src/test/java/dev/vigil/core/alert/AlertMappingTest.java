package dev.vigil.core.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.LocationConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.model.AnalyticsEvent;
import dev.vigil.core.model.AnalyticsEventPhase;
import dev.vigil.core.model.AnalyticsEventType;
import dev.vigil.core.model.CameraEvent;
import dev.vigil.core.model.CameraEventKind;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.NormalizedBox;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertMappingTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final CameraProfile QUARANTINE = CameraProfile.of(new CameraConfig("q4-fence-2", "q-site-4",
            "Fence east", CameraKind.QUARANTINE, "rtsp://10.0.0.5/s", null, null, null,
            new LocationConfig(21.03, 105.85, 270.0), null, null, null), new SiteConfig("q-site-4", "Quarantine 4", null));

    private static AnalyticsEvent event(AnalyticsEventType type, AnalyticsEventPhase phase, Map<String, String> attrs,
            List<NormalizedBox> boxes, double confidence) {
        return new AnalyticsEvent(UUID.nameUUIDFromBytes(new byte[] {1}), CameraId.of("q4-fence-2"), "fence-zone", type,
                phase, "person", 7, confidence, boxes, "fence", T0, phase == AnalyticsEventPhase.END ? T0.plusSeconds(9)
                        : null, attrs, new byte[] {(byte) 0xFF, (byte) 0xD8});
    }

    @Test
    void anIntrusionOnAQuarantineCameraOpensACriticalAlertWithTheCamerasProfile() {
        AnalyticsEvent start = event(AnalyticsEventType.ZONE_INTRUSION, AnalyticsEventPhase.START, Map.of(),
                List.of(new NormalizedBox(0.4, 0.3, 0.1, 0.2)), 0.8);
        UUID id = TimeOrderedUuid.at(T0);
        Alert a = AlertMapping.opened(start, QUARANTINE, "vigil-1", id, T0.plusMillis(20));
        assertEquals(AlertSeverity.CRITICAL, a.severity());
        assertEquals(new AlertRule("fence-zone", "zone_intrusion"), a.rule());
        assertEquals("Quarantine 4", a.site().name());
        assertEquals(CameraKind.QUARANTINE, a.camera().kind());
        assertEquals(270.0, a.location().heading());
        assertEquals(1, a.objectCount());
        assertEquals(T0, a.detectedAt());
        assertEquals(AlertLifecycle.OPENED, a.lifecycle());

        Alert later = AlertMapping.observed(a, event(AnalyticsEventType.ZONE_INTRUSION, AnalyticsEventPhase.UPDATE,
                Map.of(), List.of(new NormalizedBox(0.5, 0.3, 0.1, 0.2)), 0.6));
        assertEquals(0.8, later.confidence(), "the best confidence is kept");
        assertEquals(0.5, later.boxes().get(0).x());
        Alert end = AlertMapping.observed(later, event(AnalyticsEventType.ZONE_INTRUSION, AnalyticsEventPhase.END,
                Map.of(), List.of(), 0.9));
        assertEquals(0.9, end.confidence());
        assertEquals(0.5, end.boxes().get(0).x(), "an END without boxes keeps the last ones");
    }

    @Test
    void countsAndSeveritiesFollowTheEventType() {
        AnalyticsEvent crowd = event(AnalyticsEventType.CROWDING, AnalyticsEventPhase.START, Map.of("count", "12"),
                List.of(), 0.7);
        assertEquals(12, AlertMapping.count(crowd));
        assertEquals(1, AlertMapping.count(event(AnalyticsEventType.LOITERING, AnalyticsEventPhase.START, Map.of(),
                List.of(), 0.7)));
        assertEquals(AlertSeverity.WARNING, AlertMapping.severity(AnalyticsEventType.CROWDING, CameraKind.SECURITY));
        assertEquals(AlertSeverity.INFO, AlertMapping.severity(AnalyticsEventType.LINE_CROSSING, CameraKind.TRAFFIC));
        assertEquals(AlertSeverity.CRITICAL, AlertMapping.severity(AnalyticsEventType.CAMERA_TAMPER, CameraKind.TRAFFIC));
        assertEquals(AlertSeverity.WARNING, AlertMapping.severity(AnalyticsEventType.WRONG_WAY, CameraKind.TRAFFIC));
    }

    @Test
    void cameraHealthAndCameraEventsBecomeAlertsWithoutDetectorFields() {
        Alert offline = AlertMapping.offline(QUARANTINE, "vigil-1", TimeOrderedUuid.at(T0), T0, T0.plusSeconds(30),
                T0.plusSeconds(30));
        assertEquals(new AlertRule("camera-health", "camera_offline"), offline.rule());
        assertNull(offline.objectClass());
        assertNull(offline.confidence());
        assertEquals(T0, offline.eventStart());
        Alert tamper = AlertMapping.cameraEvent(new CameraEvent(CameraId.of("q4-fence-2"), CameraEventKind.TAMPER, true,
                T0, "tns1:VideoSource/GlobalSceneChange/ImagingService", ""), QUARANTINE, "vigil-1",
                TimeOrderedUuid.at(T0), T0.plusMillis(300), T0.plusMillis(301));
        assertEquals(AlertSeverity.CRITICAL, tamper.severity());
        assertEquals("camera_tamper", tamper.rule().type());
        assertEquals(T0.plusMillis(300), tamper.detectedAt());
        Alert alarm = AlertMapping.systemAlarm("spool_evicting", AlertSeverity.CRITICAL, QUARANTINE, "vigil-1",
                TimeOrderedUuid.at(T0), T0);
        assertEquals(new AlertRule("system", "spool_evicting"), alarm.rule());
    }

    @Test
    void aProfileWithoutSiteConfigOrLocationUsesTheIds() {
        CameraProfile p = CameraProfile.of(new CameraConfig("sim-1", "sim", null, null, "rtsp://127.0.0.1:1/s", null,
                null, null, null, null, null, null), null);
        assertEquals("sim", p.site().name());
        assertEquals("sim-1", p.camera().name());
        assertEquals(CameraKind.SECURITY, p.camera().kind());
        assertNull(p.location());
        assertTrue(p.id().value().startsWith("sim"));
    }
}
