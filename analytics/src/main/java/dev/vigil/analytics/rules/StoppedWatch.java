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
 * Stopped object: a watched track (vehicles by default) in the zone whose anchor has stayed within
 * {@code maxMovement} box heights of the point where it stopped for {@code stillFor}. A move
 * farther than that makes the new place the stopping point and restarts the clock. Box heights,
 * not picture units, so that a car far away and one close by are judged alike.
 */
final class StoppedWatch implements RuleWatch {
    private final Rule.StoppedObject rule;
    private final Map<Long, Stop> stops = new HashMap<>();

    StoppedWatch(Rule.StoppedObject rule) {
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
        Set<Long> seen = new HashSet<>();
        for (Track t : tracks) {
            if (!rule.covers(t.label(), t.anchor())) {
                continue;
            }
            seen.add(t.id());
            NormalizedPoint here = t.anchor();
            Stop stop = stops.get(t.id());
            double limit = rule.maxMovement() * Math.max(t.box().height(), 1e-6);
            if (stop == null || stop.at.distanceTo(here) > limit) {
                stops.put(t.id(), new Stop(here, now));
                continue;
            }
            Duration still = Duration.between(stop.since, now);
            if (still.compareTo(rule.stillFor()) >= 0) {
                out.add(RuleWatch.ofTrack(t, AnalyticsEventType.STOPPED_OBJECT,
                        Map.of("stillSeconds", Long.toString(still.toSeconds()))));
            }
        }
        stops.keySet().retainAll(seen);
        return out;
    }

    private record Stop(NormalizedPoint at, Instant since) { }
}
