package dev.vigil.core.config;

/**
 * A place with cameras: a junction, a building, a quarantine site.
 *
 * @param id required, unique; [A-Za-z0-9_.-], 1-64 characters
 * @param name display name; default the id
 * @param location the site's reference point; optional
 * @param timeZone IANA time zone in which the site's rule schedules are read; default {@code UTC}
 */
public record SiteConfig(String id, String name, LocationConfig location, String timeZone) {
    public SiteConfig {
        name = ConfigDefaults.orDefault(name, id);
        timeZone = ConfigDefaults.orDefault(timeZone, "UTC");
    }

    /** A site in UTC. */
    public SiteConfig(String id, String name, LocationConfig location) {
        this(id, name, location, null);
    }
}
