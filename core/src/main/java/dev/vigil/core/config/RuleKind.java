package dev.vigil.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a rule watches for. */
public enum RuleKind {
    /** An object of a watched class inside the zone (restricted area, quarantine perimeter). */
    @JsonProperty("intrusion") INTRUSION,
    /** An object crossing the line; with {@code allowed}, crossings the other way are wrong-way events. */
    @JsonProperty("line-crossing") LINE_CROSSING,
    /** An object staying in the zone for {@code dwellSeconds} or longer. */
    @JsonProperty("loitering") LOITERING,
    /** {@code minCount} or more objects in the zone at once. */
    @JsonProperty("crowding") CROWDING,
    /** A vehicle still in the zone for {@code stillForSeconds} or longer. */
    @JsonProperty("stopped-object") STOPPED_OBJECT,
    /** The view covered or black, defocused, moved or changed, or frozen. */
    @JsonProperty("tamper") TAMPER
}
