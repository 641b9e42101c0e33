package dev.vigil.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An event the camera itself raised (ONVIF PullPoint), as Vigil passes it on: to alerts, like the
 * events of Vigil's own analytics.
 *
 * @param camera the camera
 * @param kind motion or tamper
 * @param active whether the condition started ({@code true}) or ended ({@code false})
 * @param time when the camera says it happened (its clock), or when Vigil received it if the camera gave no time
 * @param topic the camera's topic, e.g. {@code tns1:RuleEngine/CellMotionDetector/Motion}
 * @param source what raised it on the camera, e.g. {@code VideoSourceConfigurationToken=vsc1}; may be empty
 */
public record CameraEvent(CameraId camera, CameraEventKind kind, boolean active, Instant time, String topic,
        String source) {
    public CameraEvent {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(topic, "topic");
        source = source == null ? "" : source;
    }
}
