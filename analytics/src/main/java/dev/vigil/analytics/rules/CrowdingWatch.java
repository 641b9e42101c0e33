package dev.vigil.analytics.rules;

import dev.vigil.analytics.track.Track;
import dev.vigil.core.model.AnalyticsEventType;
import dev.vigil.core.model.NormalizedBox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Crowding: {@code minCount} or more watched tracks with their anchors in the zone. One condition
 * about the zone; its revision is the count, so every change of the count is an UPDATE. Its class
 * is the watched tracks' class when they share one, else {@code mixed}; its confidence the lowest
 * of theirs (the crowd is as certain as its least certain member).
 */
final class CrowdingWatch implements RuleWatch {
    private final Rule.Crowding rule;

    CrowdingWatch(Rule.Crowding rule) {
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
        List<NormalizedBox> boxes = new ArrayList<>();
        String label = null;
        double confidence = 1;
        for (Track t : tracks) {
            if (rule.covers(t.label(), t.anchor())) {
                boxes.add(t.box());
                label = label == null || label.equals(t.label()) ? t.label() : "mixed";
                confidence = Math.min(confidence, t.confidence());
            }
        }
        if (boxes.size() < rule.minCount()) {
            return List.of();
        }
        String count = Integer.toString(boxes.size());
        return List.of(new Condition("zone", AnalyticsEventType.CROWDING, NO_TRACK, label, confidence, boxes,
                Map.of("count", count), count, false));
    }
}
