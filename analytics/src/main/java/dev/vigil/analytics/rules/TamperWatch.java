package dev.vigil.analytics.rules;

import dev.vigil.analytics.track.Track;
import dev.vigil.core.model.AnalyticsEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Camera tamper: one condition per watched cause that holds. */
final class TamperWatch implements RuleWatch {
    private final Rule.Tamper rule;

    TamperWatch(Rule.Tamper rule) {
        this.rule = rule;
    }

    @Override
    public Rule rule() {
        return rule;
    }

    @Override
    public String zoneName() {
        return "";
    }

    @Override
    public List<Condition> evaluate(List<Track> tracks, Set<TamperCause> tamper, Instant now) {
        List<Condition> out = new ArrayList<>();
        for (TamperCause cause : TamperCause.values()) {
            if (tamper.contains(cause) && rule.causes().contains(cause)) {
                out.add(new Condition("cause:" + cause, AnalyticsEventType.CAMERA_TAMPER, NO_TRACK, "scene", 1,
                        List.of(), Map.of("cause", cause.name()), "", false));
            }
        }
        return out;
    }
}
