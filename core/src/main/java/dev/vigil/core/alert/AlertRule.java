package dev.vigil.core.alert;

import dev.vigil.core.error.VigilException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What fired: {@code rule{id,type}} on the wire. For analytics the id is the rule's id in the
 * camera's config and the type what it saw ({@code zone_intrusion}, {@code line_crossing}, ...); for
 * the other sources the id names the source ({@code camera-health}, {@code onvif}, {@code system})
 * and the type the condition ({@code camera_offline}, {@code camera_motion}, {@code spool_evicting}).
 *
 * @param id 1-64 characters
 * @param type lower snake case, 1-64 characters
 */
public record AlertRule(String id, String type) {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public AlertRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        if (id.isEmpty() || id.length() > 64) {
            throw VigilException.invalid("rule id must be 1-64 characters, was '" + id + "'");
        }
        if (!TYPE.matcher(type).matches()) {
            throw VigilException.invalid("rule type must be lower snake case, 1-64 characters, was '" + type + "'");
        }
    }
}
