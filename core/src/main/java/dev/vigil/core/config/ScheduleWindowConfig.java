package dev.vigil.core.config;

import java.util.List;

/**
 * A weekly window in which a rule is armed, in the camera's site time zone.
 *
 * @param days e.g. {@code [mon, tue, wed, thu, fri]}; empty for every day
 * @param from {@code HH:mm}, inclusive
 * @param to {@code HH:mm}, exclusive; earlier than {@code from} for a window over midnight
 */
public record ScheduleWindowConfig(List<String> days, String from, String to) {
    public ScheduleWindowConfig {
        days = days == null ? List.of() : List.copyOf(days);
    }
}
