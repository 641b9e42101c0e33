package dev.vigil.core.directory;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.SiteId;
import java.util.Objects;

/**
 * A site managed through the API.
 *
 * @param id the site's id
 * @param name display name, 1-200 characters
 * @param location its reference point, or {@code null}
 */
public record ManagedSite(SiteId id, String name, GeoPoint location) {
    public ManagedSite {
        Objects.requireNonNull(id, "id");
        name = Text.require("name", name, 200);
    }

    /** Checks of short text fields shared by the directory records. */
    static final class Text {
        private Text() {}

        static String require(String what, String value, int max) {
            if (value == null || value.isBlank()) {
                throw VigilException.invalid(what + ": must not be empty");
            }
            String v = value.strip();
            if (v.length() > max || v.chars().anyMatch(Character::isISOControl)) {
                throw VigilException.invalid(what + ": 1-" + max + " characters without control characters");
            }
            return v;
        }
    }
}
