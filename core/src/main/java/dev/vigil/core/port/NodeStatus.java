package dev.vigil.core.port;

import java.util.List;
import java.util.Map;

/**
 * The running node as the API's operational routes see it. Implementations answer fast and never
 * throw: a dependency that fails its check is reported, not raised.
 */
public interface NodeStatus {
    /** Every camera's status, in configuration order. */
    List<CameraStatus> cameras();

    /**
     * Readiness of each dependency by name ({@code catalog}, {@code objectStore}, {@code kafka}):
     * {@code null} for ready, else the problem in a few words.
     */
    Map<String, String> readiness();
}
