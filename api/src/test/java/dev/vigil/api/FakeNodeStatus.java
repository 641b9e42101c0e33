package dev.vigil.api;

import dev.vigil.core.port.CameraStatus;
import dev.vigil.core.port.NodeStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A node with two cameras at two sites and settable readiness, for the api module's tests. */
public final class FakeNodeStatus implements NodeStatus {
    public final Map<String, String> readiness = new LinkedHashMap<>(Map.of("catalog", "ok", "kafka", "ok"));

    @Override
    public List<CameraStatus> cameras() {
        return List.of(
                new CameraStatus("yard-1", "yard", "playing", Instant.EPOCH, Instant.EPOCH, 10, 1000, 5, 1, 500, 0, 0,
                        null, null, null),
                new CameraStatus("gate-1", "gate", "backing_off", Instant.EPOCH, null, 0, 0, 0, 0, 0, 0, 3,
                        "timeout", "no answer", Instant.EPOCH.plusSeconds(30)));
    }

    @Override
    public Map<String, String> readiness() {
        Map<String, String> m = new LinkedHashMap<>();
        readiness.forEach((k, v) -> m.put(k, v.equals("ok") ? null : v));
        return m;
    }
}
