package dev.vigil.core.config;

import java.util.List;

/**
 * One analytics rule of a camera. Which fields apply depends on {@code type}; a field given to a
 * rule that does not use it is an error, so a typo cannot silently change a rule.
 *
 * @param id unique among the camera's rules; events and alerts carry it
 * @param type what it watches for
 * @param zone the zone's name (intrusion, loitering, crowding, stopped-object)
 * @param line the line's name (line-crossing)
 * @param classes object classes it concerns, e.g. {@code [person]}; empty for every class the
 *     detectors report (stopped-object: vehicles)
 * @param allowed line-crossing only: the allowed direction ({@code left-to-right},
 *     {@code right-to-left}, {@code top-to-bottom}, {@code bottom-to-top}); crossings the other
 *     way raise wrong-way events; empty to count both ways
 * @param dwellSeconds loitering: how long an object must stay
 * @param minCount crowding: how many objects at once
 * @param stillForSeconds stopped-object: how long a vehicle must stand still
 * @param causes tamper: which of {@code covered}, {@code defocused}, {@code moved},
 *     {@code scene-changed}, {@code frozen}; default all
 * @param schedule when the rule is armed (in the site's time zone); empty for always
 * @param cooldownSeconds after an event of a subject (an object, a cause) ends, a new one for the
 *     same subject waits this long; default 0
 */
public record RuleConfig(String id, RuleKind type, String zone, String line, List<String> classes, String allowed,
        Integer dwellSeconds, Integer minCount, Integer stillForSeconds, List<String> causes,
        List<ScheduleWindowConfig> schedule, Integer cooldownSeconds) {
    public RuleConfig {
        classes = classes == null ? List.of() : List.copyOf(classes);
        causes = causes == null ? List.of() : List.copyOf(causes);
        schedule = schedule == null ? List.of() : List.copyOf(schedule);
        cooldownSeconds = ConfigDefaults.orDefault(cooldownSeconds, 0);
    }
}
