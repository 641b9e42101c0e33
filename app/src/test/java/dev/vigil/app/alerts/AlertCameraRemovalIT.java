package dev.vigil.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.alert.OfflineDetector;
import dev.vigil.core.model.CameraEvent;
import dev.vigil.core.model.CameraEventKind;
import dev.vigil.core.model.CameraId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A camera removed while the node runs (through the API) leaves no alert open: its offline and
 * camera-event alerts close at once, its analytics alert with the END its analyser sends as it
 * stops (which may reach the alerts after the removal), and later inputs are dropped and counted.
 */
class AlertCameraRemovalIT {
    private static final CameraId CAM = CameraId.of("cam-01");

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aRemovedCamerasAlertsCloseAndItsLaterInputsAreDropped() throws Exception {
        try (AlertsRig rig = AlertsRig.start(dir, 2, AlertsRig.alertsConfig(0, 1000), null)) {
            AlertRaiser raiser = rig.startAlerts(null, ClipSource.NONE).raiser();
            Instant t0 = Instant.now().minusSeconds(30);
            UUID event = UUID.randomUUID();
            raiser.health(new OfflineDetector.Transition(CAM, false, t0));
            raiser.onEvent(new CameraEvent(CAM, CameraEventKind.TAMPER, true, t0, "tns1:VideoSource/GlobalSceneChange",
                    "VideoSourceToken=1"));
            raiser.accept(AlertEvents.start(event, "cam-01", t0));
            raiser.accept(AlertEvents.start(UUID.randomUUID(), "cam-02", t0));
            assertTrue(AlertsRig.await(() -> lifecycles(rig, "cam-01").size() == 3, Duration.ofSeconds(30)),
                    () -> "three alerts open: " + lifecycles(rig, "cam-01"));

            raiser.camera(CAM, null);
            raiser.accept(AlertEvents.end(event, "cam-01", t0, t0.plusSeconds(5))); // the analyser's END, late
            assertTrue(AlertsRig.await(() -> lifecycles(rig, "cam-01").values().stream().allMatch("CLOSED"::equals),
                    Duration.ofSeconds(30)), () -> "all closed: " + lifecycles(rig, "cam-01"));

            raiser.accept(AlertEvents.start(UUID.randomUUID(), "cam-01", Instant.now()));
            raiser.health(new OfflineDetector.Transition(CAM, false, Instant.now()));
            assertTrue(AlertsRig.await(() -> rig.metric("vigil_alert_events_dropped_total", "reason",
                    "unknown_camera") >= 1, Duration.ofSeconds(10)), "the new event is dropped and counted");
            Thread.sleep(1000); // the lane has had its chance to (wrongly) open something
            assertEquals(3, lifecycles(rig, "cam-01").size(), "nothing new for the removed camera");
            assertEquals(Map.of("OPENED", 1), count(lifecycles(rig, "cam-02")), "the other camera is untouched");
        }
    }

    private static Map<UUID, String> lifecycles(AlertsRig rig, String camera) {
        Map<UUID, String> out = new TreeMap<>();
        try (Connection c = rig.catalog.dataSource().getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT alert_id, lifecycle FROM alerts WHERE camera_id = ?")) {
            p.setString(1, camera);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, UUID.class), rs.getString(2));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private static Map<String, Integer> count(Map<UUID, String> lifecycles) {
        Map<String, Integer> out = new TreeMap<>();
        lifecycles.values().forEach(l -> out.merge(l, 1, Integer::sum));
        return out;
    }
}
