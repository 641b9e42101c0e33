package dev.vigil.core.directory;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.SiteId;
import java.util.Locale;
import java.util.Objects;

/**
 * What a config version is about: one site or one camera, by id.
 *
 * @param kind site or camera
 * @param id its id (validated as a {@link SiteId} or {@link CameraId})
 */
public record ConfigSubject(Kind kind, String id) {
    /** The two kinds of things that have versions. */
    public enum Kind {
        SITE,
        CAMERA;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind parse(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    public ConfigSubject {
        Objects.requireNonNull(kind, "kind");
        id = kind == Kind.SITE ? SiteId.of(id).value() : CameraId.of(id).value();
    }

    public static ConfigSubject site(String id) {
        return new ConfigSubject(Kind.SITE, id);
    }

    public static ConfigSubject camera(String id) {
        return new ConfigSubject(Kind.CAMERA, id);
    }

    @Override
    public String toString() {
        return kind.label() + " " + id;
    }
}
