package dev.vigil.analytics.rules;

import dev.vigil.core.error.VigilException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * When a rule is armed: weekly windows in the camera's time zone. No windows means always.
 * A rule that is not armed starts no event, and an event still open when its window closes ends.
 *
 * @param zone the time zone the windows are read in (the camera's site)
 * @param windows the weekly windows; empty for always
 */
public record Schedule(ZoneId zone, List<Window> windows) {
    private static final Schedule ALWAYS = new Schedule(ZoneId.of("UTC"), List.of());

    public Schedule {
        Objects.requireNonNull(zone, "zone");
        windows = List.copyOf(windows);
    }

    public static Schedule always() {
        return ALWAYS;
    }

    public boolean isArmed(Instant time) {
        if (windows.isEmpty()) {
            return true;
        }
        ZonedDateTime local = time.atZone(zone);
        for (Window w : windows) {
            if (w.contains(local.getDayOfWeek(), local.toLocalTime())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A window from {@code from} (inclusive) to {@code to} (exclusive) on the given days. A window
     * with {@code to} before {@code from} runs over midnight and belongs to the day it starts on.
     */
    public record Window(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
        public Window {
            days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (days.isEmpty()) {
                throw VigilException.invalid("a schedule window needs at least one day");
            }
            if (from.equals(to)) {
                throw VigilException.invalid("a schedule window from " + from + " to " + to + " is empty");
            }
        }

        boolean contains(DayOfWeek day, LocalTime t) {
            if (from.isBefore(to)) {
                return days.contains(day) && !t.isBefore(from) && t.isBefore(to);
            }
            // Over midnight: the evening part on the day itself, the morning part on the next day.
            return (days.contains(day) && !t.isBefore(from)) || (days.contains(day.minus(1)) && t.isBefore(to));
        }
    }
}
