package dev.vigil.core.directory;

import dev.vigil.core.config.CameraConfig;
import java.time.Instant;
import java.util.Objects;

/**
 * A camera as the directory holds it. Its credentials are a user name and the name of the
 * environment variable with the password; no password is ever part of it.
 *
 * @param config the camera (validated, defaults filled in)
 * @param origin where it was first defined
 * @param version its current version number (0 for a simulated camera, never stored)
 * @param updatedAt when its current version was made, or {@code null} when never stored
 * @param updatedBy who made it (token id and name, or the config file), or {@code null} when never stored
 */
public record CameraEntry(CameraConfig config, ConfigOrigin origin, int version, Instant updatedAt,
        ConfigAuthor updatedBy) {
    public CameraEntry {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(origin, "origin");
    }

    public String id() {
        return config.id();
    }
}
