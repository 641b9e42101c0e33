package dev.vigil.core.directory;

import dev.vigil.core.config.SiteConfig;
import java.time.Instant;
import java.util.Objects;

/**
 * A site as the directory holds it.
 *
 * @param config the site (validated, defaults filled in)
 * @param origin where it was first defined
 * @param version its current version number (0 for what is never stored)
 * @param updatedAt when its current version was made, or {@code null} when never stored
 * @param updatedBy who made it (token id and name, or the config file), or {@code null} when never stored
 */
public record SiteEntry(SiteConfig config, ConfigOrigin origin, int version, Instant updatedAt,
        ConfigAuthor updatedBy) {
    public SiteEntry {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(origin, "origin");
    }

    public String id() {
        return config.id();
    }
}
