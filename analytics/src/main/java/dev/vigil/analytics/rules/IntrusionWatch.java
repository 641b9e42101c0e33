package dev.vigil.analytics.rules;

import dev.vigil.analytics.track.Track;
import dev.vigil.core.model.AnalyticsEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Zone intrusion: every watched track with its anchor in the zone. */
final class IntrusionWatch implements RuleWatch {
    private final Rule.ZoneIntrusion rule;

    IntrusionWatch(Rule.ZoneIntrusion rule) {
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
        for (Track t : tracks) {
            if (rule.covers(t.label(), t.anchor())) {
                out.add(RuleWatch.ofTrack(t, AnalyticsEventType.ZONE_INTRUSION, Map.of()));
            }
        }
        return out;
    }
}
