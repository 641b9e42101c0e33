package dev.vigil.core.alert;

import dev.vigil.core.model.SiteId;
import java.util.Objects;

/**
 * The site of an alert's camera: {@code site{id,name}} on the wire.
 *
 * @param id the site's id
 * @param name its display name (the id when the config gives none)
 */
public record AlertSite(SiteId id, String name) {
    public AlertSite {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
