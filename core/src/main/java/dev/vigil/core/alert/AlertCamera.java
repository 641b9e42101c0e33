package dev.vigil.core.alert;

import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import java.util.Objects;

/**
 * The camera of an alert: {@code camera{id,name,kind}} on the wire; its id is also the Kafka key.
 *
 * @param id the camera's id
 * @param name its display name (the id when the config gives none)
 * @param kind traffic, security or quarantine
 */
public record AlertCamera(CameraId id, String name, CameraKind kind) {
    public AlertCamera {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }
}
