package dev.vigil.core.alert;

import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.SiteId;
import java.util.Objects;

/**
 * What every alert of a camera says about the camera: its id, name and kind, its site, where it is.
 *
 * @param camera id, name, kind
 * @param site id and name
 * @param location position and heading, or {@code null} when the config gives none
 */
public record CameraProfile(AlertCamera camera, AlertSite site, GeoPoint location) {
    public CameraProfile {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(site, "site");
    }

    /**
     * The profile of a validated camera config.
     *
     * @param siteConfig the camera's site, or {@code null} when it is not in the config (the
     *     simulator's site): its name is then its id
     */
    public static CameraProfile of(CameraConfig camera, SiteConfig siteConfig) {
        GeoPoint location = camera.location() == null || camera.location().lat() == null
                || camera.location().lon() == null ? null : camera.location().toGeoPoint();
        String siteName = siteConfig == null ? camera.site() : siteConfig.name();
        return new CameraProfile(new AlertCamera(CameraId.of(camera.id()), camera.name(), camera.kind()),
                new AlertSite(SiteId.of(camera.site()), siteName), location);
    }

    public CameraId id() {
        return camera.id();
    }
}
