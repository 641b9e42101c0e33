package dev.vigil.core.directory;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a config version did to its subject. Written in lower case. */
public enum ConfigAction {
    CREATE,
    UPDATE,
    DELETE;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action written as {@link #label()}; {@code IllegalArgumentException} if unknown. */
    public static ConfigAction parse(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
