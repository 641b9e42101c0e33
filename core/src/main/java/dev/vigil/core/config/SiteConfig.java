package dev.vigil.core.config;

/**
 * A place with cameras: a junction, a building, a quarantine site.
 *
 * @param id required, unique; [A-Za-z0-9_.-], 1-64 characters
 * @param name display name; default the id
 * @param location the site's reference point; optional
 */
public record SiteConfig(String id, String name, LocationConfig location) {
    public SiteConfig {
        name = ConfigDefaults.orDefault(name, id);
    }
}
