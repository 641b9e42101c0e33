package dev.vigil.analytics.rules;

import dev.vigil.analytics.track.Track;
import dev.vigil.core.model.AnalyticsEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loitering: a watched track whose anchor has been in the zone, without leaving it, for the
 * rule's dwell time. Leaving the zone, even for one frame, restarts the clock.
 */
final class LoiteringWatch implements RuleWatch {
    private final Rule.Loitering rule;
    private final Map<Long, Instant> entered = new HashMap<>();

    LoiteringWatch(Rule.Loitering rule) {
        this.rule = rule;
    }

    @Override
    public Rule rule() {
        return rule;
    }

    @Override
    public String zoneName() {
        return rule.zoneName();
    }

    @Override
    public List<Condition> evaluate(List<Track> tracks, Set<TamperCause> tamper, Instant now) {
        List<Condition> out = new ArrayList<>();
        Set<Long> inside = new HashSet<>();
        for (Track t : tracks) {
            if (!rule.covers(t.label(), t.anchor())) {
                continue;
            }
            inside.add(t.id());
            Instant since = entered.computeIfAbsent(t.id(), id -> now);
            Duration dwell = Duration.between(since, now);
            if (dwell.compareTo(rule.dwell()) >= 0) {
                out.add(RuleWatch.ofTrack(t, AnalyticsEventType.LOITERING,
                        Map.of("dwellSeconds", Long.toString(dwell.toSeconds()))));
            }
        }
        entered.keySet().retainAll(inside);
        return out;
    }
}
