package dev.vigil.core.directory;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a site or camera was first defined. Written in lower case. */
public enum ConfigOrigin {
    /** Imported from the configuration file at a start; editable through the API afterwards. */
    FILE,
    /** Created through the API. */
    API,
    /** One of the node's simulated cameras ({@code simulator.enabled}): read-only, never stored. */
    SIMULATOR;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The origin written as {@link #label()}; {@code IllegalArgumentException} if unknown. */
    public static ConfigOrigin parse(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
