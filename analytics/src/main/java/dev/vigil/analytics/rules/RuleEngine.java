package dev.vigil.analytics.rules;

import dev.vigil.analytics.track.Track;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Evaluates one camera's rules on each analysed frame and produces event steps
 * ({@link RuleTransition}): START when a condition begins, UPDATE while it lasts (when its count
 * changes, or every {@code updateInterval}), END when it stops; START and END together for a
 * line crossing.
 *
 * <p>Contract: one engine per camera and rule set, confined to that camera's analytics thread,
 * fed frames in wall-clock order. Only confirmed tracks count. To change the rules, {@link #close}
 * this engine (which ends its open events) and build a new one.
 */
public final class RuleEngine {
    private final List<RuleWatch> watches = new ArrayList<>();
    private final Map<String, Rule> rulesById = new LinkedHashMap<>();
    private final Map<String, String> zones = new LinkedHashMap<>();
    private final EventLifecycle lifecycle;

    /**
     * @param camera the camera the events are about
     * @param rules its rules; ids must be unique
     * @param updateInterval how often a lasting event sends an UPDATE when nothing else changes
     */
    public RuleEngine(CameraId camera, List<Rule> rules, Duration updateInterval) {
        Objects.requireNonNull(camera, "camera");
        if (updateInterval == null || updateInterval.isNegative() || updateInterval.isZero()) {
            throw VigilException.invalid("updateInterval must be positive, was " + updateInterval);
        }
        Set<String> ids = new HashSet<>();
        for (Rule rule : rules) {
            if (!ids.add(rule.id())) {
                throw VigilException.invalid("camera " + camera + ": rule id '" + rule.id() + "' is used twice");
            }
            RuleWatch watch = RuleWatch.of(rule);
            watches.add(watch);
            rulesById.put(rule.id(), rule);
            zones.put(rule.id(), watch.zoneName());
        }
        this.lifecycle = new EventLifecycle(camera, updateInterval);
    }

    /** Whether any rule needs tracked objects (all but tamper do); without them detectors need not run. */
    public boolean needsObjects() {
        for (Rule rule : rulesById.values()) {
            if (!(rule instanceof Rule.Tamper)) {
                return true;
            }
        }
        return false;
    }

    /** The object classes the rules watch; empty when some rule watches all classes. */
    public Set<String> watchedClasses() {
        Set<String> out = new HashSet<>();
        for (Rule rule : rulesById.values()) {
            if (rule instanceof Rule.Tamper) {
                continue;
            }
            if (rule.classes().isEmpty()) {
                return Set.of();
            }
            out.addAll(rule.classes());
        }
        return Set.copyOf(out);
    }

    /**
     * Evaluates every rule on one frame.
     *
     * @param tracks the tracker's live tracks (tentative ones are ignored)
     * @param tamper the tamper causes that hold on this frame
     * @param now the frame's wall clock
     * @return the event steps, rule by rule in the order the rules were given
     */
    public List<RuleTransition> evaluate(List<Track> tracks, Set<TamperCause> tamper, Instant now) {
        List<Track> confirmed = new ArrayList<>(tracks.size());
        for (Track t : tracks) {
            if (t.confirmed()) {
                confirmed.add(t);
            }
        }
        List<RuleTransition> out = new ArrayList<>();
        for (RuleWatch watch : watches) {
            List<Condition> conditions = watch.evaluate(confirmed, tamper, now);
            lifecycle.apply(watch.rule(), watch.zoneName(), conditions, now, out);
        }
        return out;
    }

    /** Ends every open event at {@code now}; the engine should not be used afterwards. */
    public List<RuleTransition> close(Instant now) {
        List<RuleTransition> out = new ArrayList<>();
        lifecycle.endAll(rulesById, zones, now, out);
        return out;
    }

    /** Events open now (for metrics and tests). */
    public int openEvents() {
        return lifecycle.openCount();
    }
}
