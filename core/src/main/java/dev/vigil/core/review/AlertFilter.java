package dev.vigil.core.review;

import dev.vigil.core.alert.AlertSeverity;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.SiteId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Which alerts a listing or a stream shows. Every set is "any of"; an empty set does not filter.
 * Sets hold at most {@value #MAX_VALUES} values each.
 *
 * @param from only alerts whose event started at or after this, or {@code null}
 * @param to only alerts whose event started before this, or {@code null}
 * @param sites by site
 * @param cameras by camera
 * @param kinds by rule type ({@code zone_intrusion}, {@code camera_offline}...)
 * @param rules by rule id
 * @param severities by severity
 * @param states by the operators' state ({@link AlertState})
 */
public record AlertFilter(Instant from, Instant to, Set<SiteId> sites, Set<CameraId> cameras, Set<String> kinds,
        Set<String> rules, Set<AlertSeverity> severities, Set<AlertState> states) {
    /** Most values of one filter. */
    public static final int MAX_VALUES = 20;
    /** Shows every alert. */
    public static final AlertFilter ALL = new AlertFilter(null, null, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
            Set.of());

    public AlertFilter {
        sites = Set.copyOf(Objects.requireNonNull(sites, "sites"));
        cameras = Set.copyOf(Objects.requireNonNull(cameras, "cameras"));
        kinds = Set.copyOf(Objects.requireNonNull(kinds, "kinds"));
        rules = Set.copyOf(Objects.requireNonNull(rules, "rules"));
        severities = Set.copyOf(Objects.requireNonNull(severities, "severities"));
        states = Set.copyOf(Objects.requireNonNull(states, "states"));
        if (from != null && to != null && !to.isAfter(from)) {
            throw VigilException.invalid("to (" + to + ") must be after from (" + from + ")");
        }
        for (Set<?> s : java.util.List.of(sites, cameras, kinds, rules, severities, states)) {
            if (s.size() > MAX_VALUES) {
                throw VigilException.invalid("at most " + MAX_VALUES + " values per filter, was " + s.size());
            }
        }
    }

    /** Whether {@code a} passes this filter. */
    public boolean matches(AlertSummary a) {
        return (from == null || !a.eventStart().isBefore(from))
                && (to == null || a.eventStart().isBefore(to))
                && (sites.isEmpty() || sites.contains(a.site()))
                && (cameras.isEmpty() || cameras.contains(a.camera()))
                && (kinds.isEmpty() || kinds.contains(a.kind()))
                && (rules.isEmpty() || rules.contains(a.rule()))
                && (severities.isEmpty() || severities.contains(a.severity()))
                && (states.isEmpty() || states.contains(a.state()));
    }
}
