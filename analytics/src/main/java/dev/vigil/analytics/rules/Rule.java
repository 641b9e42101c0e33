package dev.vigil.analytics.rules;

import dev.vigil.core.error.VigilException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One analytics rule of a camera. Every rule has an id (unique per camera), the object classes it
 * watches (empty: all), a {@link Schedule} and a cooldown: after an event of this rule about one
 * subject (a track, a tamper cause, the zone) ends, no new event about that subject starts until
 * the cooldown has passed. Per subject, not per rule, so that a line still counts the next person
 * while it ignores the first one stepping back and forth over it.
 */
public sealed interface Rule {
    /** Classes the stopped-object rule watches when none are given. */
    Set<String> VEHICLES = Set.of("car", "truck", "bus", "motorcycle", "vehicle");

    String id();

    Set<String> classes();

    Schedule schedule();

    Duration cooldown();

    /** Whether objects of {@code label} concern this rule. */
    default boolean watches(String label) {
        return classes().isEmpty() || classes().contains(label);
    }

    /** A rule about what happens inside a zone. */
    sealed interface InZone extends Rule {
        String zoneName();

        Polygon zone();

        /** Whether an object of {@code label} anchored at {@code anchor} concerns the rule: watched, and in the zone. */
        default boolean covers(String label, NormalizedPoint anchor) {
            return watches(label) && zone().contains(anchor);
        }
    }

    /** An object of a watched class with its anchor in the zone: one event per object, for as long as it stays. */
    record ZoneIntrusion(String id, String zoneName, Polygon zone, Set<String> classes, Schedule schedule,
            Duration cooldown) implements InZone {
        public ZoneIntrusion {
            check(id, zoneName, zone, schedule, cooldown);
            classes = Set.copyOf(classes);
        }
    }

    /**
     * An object crossing the line: one instant event per crossing with its {@code direction} and
     * the running {@code count} for that direction. With {@code allowed} set, a crossing the other
     * way is a {@link dev.vigil.core.model.AnalyticsEventType#WRONG_WAY} event instead.
     */
    record LineCrossing(String id, String lineName, LineSegment line, Set<String> classes,
            Optional<CrossingDirection> allowed, Schedule schedule, Duration cooldown) implements Rule {
        public LineCrossing {
            check(id, lineName, line, schedule, cooldown);
            classes = Set.copyOf(classes);
            Objects.requireNonNull(allowed, "allowed");
        }
    }

    /** An object staying in the zone for {@code dwell} or longer: the event starts then and lasts until it leaves. */
    record Loitering(String id, String zoneName, Polygon zone, Set<String> classes, Duration dwell,
            Schedule schedule, Duration cooldown) implements InZone {
        public Loitering {
            check(id, zoneName, zone, schedule, cooldown);
            classes = Set.copyOf(classes);
            positive("dwell", id, dwell);
        }
    }

    /** {@code minCount} or more objects in the zone at once: one event for the zone, updated as the count changes. */
    record Crowding(String id, String zoneName, Polygon zone, Set<String> classes, int minCount,
            Schedule schedule, Duration cooldown) implements InZone {
        public Crowding {
            check(id, zoneName, zone, schedule, cooldown);
            classes = Set.copyOf(classes);
            if (minCount < 1) {
                throw VigilException.invalid("rule " + id + ": minCount must be at least 1, was " + minCount);
            }
        }
    }

    /**
     * A vehicle whose anchor stays within {@code maxMovement} box heights of where it stopped,
     * inside the zone, for {@code stillFor} or longer. Classes default to {@link #VEHICLES}.
     */
    record StoppedObject(String id, String zoneName, Polygon zone, Set<String> classes, Duration stillFor,
            double maxMovement, Schedule schedule, Duration cooldown) implements InZone {
        public StoppedObject {
            check(id, zoneName, zone, schedule, cooldown);
            classes = classes.isEmpty() ? VEHICLES : Set.copyOf(classes);
            positive("stillFor", id, stillFor);
            if (!(maxMovement > 0)) {
                throw VigilException.invalid("rule " + id + ": maxMovement must be positive, was " + maxMovement);
            }
        }
    }

    /** The camera's view is tampered with, for one of {@code causes}: one event per cause while it lasts. */
    record Tamper(String id, Set<TamperCause> causes, Schedule schedule, Duration cooldown) implements Rule {
        public Tamper {
            check(id, "tamper", "", schedule, cooldown);
            causes = causes.isEmpty() ? Set.copyOf(EnumSet.allOf(TamperCause.class)) : Set.copyOf(causes);
        }

        @Override
        public Set<String> classes() {
            return Set.of();
        }
    }

    private static void check(String id, String name, Object shape, Schedule schedule, Duration cooldown) {
        if (id == null || id.isBlank()) {
            throw VigilException.invalid("a rule needs an id");
        }
        if (name == null || name.isBlank()) {
            throw VigilException.invalid("rule " + id + ": the zone or line needs a name");
        }
        Objects.requireNonNull(shape, "rule " + id + ": zone or line");
        Objects.requireNonNull(schedule, "rule " + id + ": schedule");
        if (cooldown == null || cooldown.isNegative()) {
            throw VigilException.invalid("rule " + id + ": cooldown must be zero or more, was " + cooldown);
        }
    }

    private static void positive(String what, String id, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw VigilException.invalid("rule " + id + ": " + what + " must be positive, was " + d);
        }
    }
}
