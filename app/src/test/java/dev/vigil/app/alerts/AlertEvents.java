package dev.vigil.app.alerts;

import dev.vigil.core.model.AnalyticsEvent;
import dev.vigil.core.model.AnalyticsEventPhase;
import dev.vigil.core.model.AnalyticsEventType;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.NormalizedBox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Analytics events as the rules send them, for driving the alerts in tests. */
final class AlertEvents {
    private AlertEvents() {}

    static AnalyticsEvent step(UUID id, String camera, AnalyticsEventPhase phase, Instant start, Instant end, int boxes,
            byte[] jpeg) {
        List<NormalizedBox> list = new ArrayList<>();
        for (int i = 0; i < boxes; i++) {
            list.add(new NormalizedBox(0.001 * (i % 500), 0.25, 0.1, 0.3));
        }
        return new AnalyticsEvent(id, CameraId.of(camera), "gate-zone", AnalyticsEventType.ZONE_INTRUSION, phase,
                "person", 7, 0.8, list, "gate", start, end, Map.of(), jpeg);
    }

    static AnalyticsEvent start(UUID id, String camera, Instant at) {
        return step(id, camera, AnalyticsEventPhase.START, at, null, 1, null);
    }

    static AnalyticsEvent end(UUID id, String camera, Instant start, Instant end) {
        return step(id, camera, AnalyticsEventPhase.END, start, end, 1, null);
    }
}
