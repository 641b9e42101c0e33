package dev.vigil.analytics.rules;

import dev.vigil.analytics.track.Track;
import dev.vigil.core.model.AnalyticsEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Line crossing: a watched track whose anchor moved from one side of the line to the other
 * across the segment since its last position off the line. Each crossing is an instant condition
 * with the {@code direction}, and the running {@code count} of crossings that way since the rule
 * was loaded.
 *
 * <p>Counting is done here, not in the lifecycle, so that what is counted is exactly what is
 * sent: a crossing while the rule is not armed, or by a track within the cooldown of its previous
 * crossing (a person dithering on the line), is neither sent nor counted.
 */
final class LineWatch implements RuleWatch {
    private final Rule.LineCrossing rule;
    /** Per track: its last anchor that was strictly on one side. */
    private final Map<Long, NormalizedPoint> last = new HashMap<>();
    private final Map<Long, Instant> lastCrossing = new HashMap<>();
    private final Map<CrossingDirection, Long> counts = new EnumMap<>(CrossingDirection.class);

    LineWatch(Rule.LineCrossing rule) {
        this.rule = rule;
    }

    @Override
    public Rule rule() {
        return rule;
    }

    @Override
    public String zoneName() {
        return rule.lineName();
    }

    /** Crossings counted so far in {@code direction}. */
    long count(CrossingDirection direction) {
        return counts.getOrDefault(direction, 0L);
    }

    @Override
    public List<Condition> evaluate(List<Track> tracks, Set<TamperCause> tamper, Instant now) {
        List<Condition> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        boolean armed = rule.schedule().isArmed(now);
        for (Track t : tracks) {
            if (!rule.watches(t.label())) {
                continue;
            }
            seen.add(t.id());
            NormalizedPoint here = t.anchor();
            NormalizedPoint before = last.get(t.id());
            if (rule.line().side(here) != 0) {
                last.put(t.id(), here);
            }
            if (before == null) {
                continue;
            }
            Optional<CrossingDirection> crossed = rule.line().crossing(before, here);
            if (crossed.isEmpty() || !armed || coolingDown(t.id(), now)) {
                continue;
            }
            CrossingDirection direction = crossed.get();
            lastCrossing.put(t.id(), now);
            long count = counts.merge(direction, 1L, Long::sum);
            boolean wrong = rule.allowed().isPresent() && rule.allowed().get() != direction;
            out.add(new Condition("track:" + t.id(),
                    wrong ? AnalyticsEventType.WRONG_WAY : AnalyticsEventType.LINE_CROSSING, t.id(), t.label(),
                    t.confidence(), List.of(t.box()),
                    Map.of("direction", direction.name(), "count", Long.toString(count)), "", true));
        }
        last.keySet().retainAll(seen);
        lastCrossing.keySet().retainAll(seen);
        return out;
    }

    private boolean coolingDown(long track, Instant now) {
        Instant previous = lastCrossing.get(track);
        return previous != null && now.isBefore(previous.plus(rule.cooldown()));
    }
}
