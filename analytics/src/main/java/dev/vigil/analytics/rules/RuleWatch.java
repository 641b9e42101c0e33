package dev.vigil.analytics.rules;

import dev.vigil.analytics.track.Track;
import dev.vigil.core.model.AnalyticsEvent;
import dev.vigil.core.model.AnalyticsEventType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches one rule: says, frame by frame, which of its conditions hold. Keeps whatever per-track
 * memory the rule needs (entry times, last positions) and forgets tracks that are gone.
 */
interface RuleWatch {
    Rule rule();

    /** The zone or line name events carry. */
    String zoneName();

    /**
     * @param tracks the confirmed tracks on this frame
     * @param tamper the tamper causes that hold on this frame
     * @param now the frame's wall clock
     */
    List<Condition> evaluate(List<Track> tracks, Set<TamperCause> tamper, Instant now);

    static RuleWatch of(Rule rule) {
        // Java 17 has no pattern switch; the interface is sealed, so this list is complete.
        if (rule instanceof Rule.ZoneIntrusion r) {
            return new IntrusionWatch(r);
        } else if (rule instanceof Rule.LineCrossing r) {
            return new LineWatch(r);
        } else if (rule instanceof Rule.Loitering r) {
            return new LoiteringWatch(r);
        } else if (rule instanceof Rule.Crowding r) {
            return new CrowdingWatch(r);
        } else if (rule instanceof Rule.StoppedObject r) {
            return new StoppedWatch(r);
        } else if (rule instanceof Rule.Tamper r) {
            return new TamperWatch(r);
        }
        throw new IllegalStateException("unknown rule type " + rule.getClass());
    }

    /** The condition of one track, with its own box and confidence. */
    static Condition ofTrack(Track t, AnalyticsEventType type, Map<String, String> attributes) {
        return new Condition("track:" + t.id(), type, t.id(), t.label(), t.confidence(), List.of(t.box()),
                attributes, "", false);
    }

    long NO_TRACK = AnalyticsEvent.NO_TRACK;
}
