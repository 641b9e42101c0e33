package dev.vigil.api.auth;

import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.SiteId;
import java.util.Optional;

/**
 * The site of a camera, for {@link SiteRule.CameraParam}. Answers fast and never throws; a camera
 * it does not know is empty (a site-limited token is then refused).
 */
@FunctionalInterface
public interface CameraSites {
    Optional<SiteId> siteOf(CameraId camera);
}
