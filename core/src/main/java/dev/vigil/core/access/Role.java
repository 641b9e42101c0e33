package dev.vigil.core.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.vigil.core.error.VigilException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an API token's holder is. Roles are not ranked: each route names the roles it admits
 * (an admin is not implicitly everything else). Written in lower case on the wire, in the catalog
 * and on the command line.
 */
public enum Role {
    /** Manages tokens and reads the audit log; sees everything. */
    ADMIN,
    /** Configures sites, cameras, zones, lines and rules. */
    INTEGRATOR,
    /** Reviews alerts and camera health. */
    OPERATOR,
    /** Searches, plays back and exports recordings, always with a stated reason. */
    POLICE,
    /** Reads camera lists and health only. */
    VIEWER;

    /** The lower-case name, e.g. {@code police}. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role named {@code label} (case-insensitive).
     *
     * @throws VigilException INVALID_ARGUMENT naming the known roles
     */
    @JsonCreator
    public static Role parse(String label) {
        if (label != null) {
            for (Role r : values()) {
                if (r.label().equalsIgnoreCase(label.strip())) {
                    return r;
                }
            }
        }
        throw VigilException.invalid("role must be one of " + Arrays.stream(values()).map(Role::label)
                .collect(Collectors.joining(", ")) + ", was " + (label == null ? "nothing" : "'" + label + "'"));
    }

    @Override
    public String toString() {
        return label();
    }
}
