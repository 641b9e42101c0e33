package dev.vigil.analytics.rules;

import dev.vigil.core.model.AnalyticsEvent;
import dev.vigil.core.model.AnalyticsEventPhase;
import dev.vigil.core.model.AnalyticsEventType;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.NormalizedBox;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns what rules find true frame after frame ({@link Condition}s) into event steps: a new
 * subject starts an event (if the rule is armed and the subject's cooldown has passed), a subject
 * still true updates it (when its revision changes, or every {@code updateInterval}), a subject no
 * longer true ends it. Instant conditions start and end at once.
 *
 * <p>Confined to one camera's analytics thread.
 */
final class EventLifecycle {
    private final CameraId camera;
    private final Duration updateInterval;
    private final Map<Key, Open> open = new HashMap<>();
    private final Map<Key, Instant> lastEnd = new HashMap<>();

    EventLifecycle(CameraId camera, Duration updateInterval) {
        this.camera = camera;
        this.updateInterval = updateInterval;
    }

    /** Applies one rule's conditions on the frame at {@code now}; appends the steps to {@code out}. */
    void apply(Rule rule, String zone, List<Condition> conditions, Instant now, List<RuleTransition> out) {
        boolean armed = rule.schedule().isArmed(now);
        Set<String> present = new HashSet<>();
        for (Condition c : conditions) {
            present.add(c.subject());
            Key key = new Key(rule.id(), c.subject());
            Open o = open.get(key);
            if (o != null) {
                if (!armed) {
                    continue; // ended below
                }
                boolean better = c.confidence() > o.bestConfidence;
                o.bestConfidence = Math.max(o.bestConfidence, c.confidence());
                o.boxes = c.boxes();
                o.attributes = c.attributes();
                o.objectClass = c.objectClass();
                if (!c.revision().equals(o.revision) || !now.isBefore(o.lastStep.plus(updateInterval))) {
                    o.revision = c.revision();
                    o.lastStep = now;
                    out.add(new RuleTransition(step(rule, zone, o, AnalyticsEventPhase.UPDATE, null), better, true));
                } else if (better) {
                    // A better frame but nothing worth sending: the caller only swaps the kept best frame.
                    out.add(new RuleTransition(step(rule, zone, o, AnalyticsEventPhase.UPDATE, null), true, false));
                }
                continue;
            }
            if (!armed || coolingDown(key, rule.cooldown(), now)) {
                continue;
            }
            Open started = new Open(UUID.randomUUID(), c, now);
            out.add(new RuleTransition(step(rule, zone, started, AnalyticsEventPhase.START, null), true, true));
            if (c.instant()) {
                out.add(new RuleTransition(step(rule, zone, started, AnalyticsEventPhase.END, now), false, true));
                lastEnd.put(key, now);
            } else {
                open.put(key, started);
            }
        }
        for (Iterator<Map.Entry<Key, Open>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Open> e = it.next();
            Key key = e.getKey();
            if (key.rule.equals(rule.id()) && (!armed || !present.contains(key.subject))) {
                out.add(new RuleTransition(step(rule, zone, e.getValue(), AnalyticsEventPhase.END, now), false, true));
                lastEnd.put(key, now);
                it.remove();
            }
        }
    }

    /** Ends every open event, e.g. when the camera stops or its rules change. */
    void endAll(Map<String, Rule> rules, Map<String, String> zones, Instant now, List<RuleTransition> out) {
        for (Map.Entry<Key, Open> e : open.entrySet()) {
            Rule rule = rules.get(e.getKey().rule);
            out.add(new RuleTransition(step(rule, zones.get(rule.id()), e.getValue(), AnalyticsEventPhase.END, now),
                    false, true));
        }
        open.clear();
    }

    /** Events open now. */
    int openCount() {
        return open.size();
    }

    private boolean coolingDown(Key key, Duration cooldown, Instant now) {
        Instant ended = lastEnd.get(key);
        return ended != null && now.isBefore(ended.plus(cooldown));
    }

    private AnalyticsEvent step(Rule rule, String zone, Open o, AnalyticsEventPhase phase, Instant end) {
        return new AnalyticsEvent(o.id, camera, rule.id(), o.type, phase, o.objectClass, o.trackId,
                Math.min(1, o.bestConfidence), o.boxes, zone, o.start, end, o.attributes, null);
    }

    private record Key(String rule, String subject) { }

    private static final class Open {
        final UUID id;
        final long trackId;
        final Instant start;
        final AnalyticsEventType type;
        String objectClass;
        double bestConfidence;
        List<NormalizedBox> boxes;
        Map<String, String> attributes;
        String revision;
        Instant lastStep;

        Open(UUID id, Condition c, Instant now) {
            this.id = id;
            this.trackId = c.trackId();
            this.type = c.type();
            this.start = now;
            this.objectClass = c.objectClass();
            this.bestConfidence = c.confidence();
            this.boxes = c.boxes();
            this.attributes = c.attributes();
            this.revision = c.revision();
            this.lastStep = now;
        }
    }
}
