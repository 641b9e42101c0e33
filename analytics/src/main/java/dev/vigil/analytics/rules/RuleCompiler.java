package dev.vigil.analytics.rules;

import dev.vigil.core.config.AnalyticsConfig;
import dev.vigil.core.config.LineConfig;
import dev.vigil.core.config.RuleConfig;
import dev.vigil.core.config.ScheduleWindowConfig;
import dev.vigil.core.config.ZoneConfig;
import dev.vigil.core.error.VigilException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a camera's validated {@link AnalyticsConfig} (zones, lines and rules as written in the
 * config) into {@link Rule}s. Pure. The config validator has checked names and ranges; what it
 * could not check (a polygon's shape) fails here with the rule's id.
 */
public final class RuleCompiler {
    private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY, "sat", DayOfWeek.SATURDAY,
            "sun", DayOfWeek.SUNDAY);

    private RuleCompiler() {}

    /**
     * @param config the camera's analytics
     * @param zone the time zone its schedules are read in (its site's)
     */
    public static List<Rule> compile(AnalyticsConfig config, ZoneId zone) {
        Map<String, ZoneConfig> zones = config.zones().stream()
                .collect(Collectors.toMap(ZoneConfig::name, Function.identity()));
        Map<String, LineConfig> lines = config.lines().stream()
                .collect(Collectors.toMap(LineConfig::name, Function.identity()));
        List<Rule> out = new ArrayList<>(config.rules().size());
        for (RuleConfig r : config.rules()) {
            try {
                out.add(rule(r, zones, lines, zone));
            } catch (VigilException e) {
                throw VigilException.invalid("rule " + r.id() + ": " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    private static Rule rule(RuleConfig r, Map<String, ZoneConfig> zones, Map<String, LineConfig> lines, ZoneId tz) {
        Schedule schedule = schedule(r.schedule(), tz);
        Duration cooldown = Duration.ofSeconds(r.cooldownSeconds());
        Set<String> classes = new HashSet<>(r.classes());
        return switch (r.type()) {
            case INTRUSION -> new Rule.ZoneIntrusion(r.id(), r.zone(), polygon(zones, r.zone()), classes, schedule,
                    cooldown);
            case LINE_CROSSING -> new Rule.LineCrossing(r.id(), r.line(), line(lines, r.line()), classes,
                    Optional.ofNullable(r.allowed()).map(RuleCompiler::direction), schedule, cooldown);
            case LOITERING -> new Rule.Loitering(r.id(), r.zone(), polygon(zones, r.zone()), classes,
                    Duration.ofSeconds(r.dwellSeconds()), schedule, cooldown);
            case CROWDING -> new Rule.Crowding(r.id(), r.zone(), polygon(zones, r.zone()), classes, r.minCount(),
                    schedule, cooldown);
            // 0.5 box heights: a parked car's box jitters by a few pixels, a car creeping in a queue moves more.
            case STOPPED_OBJECT -> new Rule.StoppedObject(r.id(), r.zone(), polygon(zones, r.zone()), classes,
                    Duration.ofSeconds(r.stillForSeconds()), 0.5, schedule, cooldown);
            case TAMPER -> new Rule.Tamper(r.id(), causes(r.causes()), schedule, cooldown);
        };
    }

    private static Polygon polygon(Map<String, ZoneConfig> zones, String name) {
        ZoneConfig z = zones.get(name);
        if (z == null) {
            throw VigilException.invalid("no zone named '" + name + "'");
        }
        return new Polygon(z.points().stream().map(xy -> new NormalizedPoint(xy.get(0), xy.get(1))).toList());
    }

    private static LineSegment line(Map<String, LineConfig> lines, String name) {
        LineConfig l = lines.get(name);
        if (l == null) {
            throw VigilException.invalid("no line named '" + name + "'");
        }
        List<List<Double>> p = l.points();
        return LineSegment.of(p.get(0).get(0), p.get(0).get(1), p.get(1).get(0), p.get(1).get(1));
    }

    static CrossingDirection direction(String wire) {
        return CrossingDirection.valueOf(wire.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    private static Set<TamperCause> causes(List<String> wire) {
        Set<TamperCause> out = EnumSet.noneOf(TamperCause.class);
        for (String c : wire) {
            out.add(TamperCause.valueOf(c.toUpperCase(Locale.ROOT).replace('-', '_')));
        }
        return out;
    }

    private static Schedule schedule(List<ScheduleWindowConfig> windows, ZoneId tz) {
        if (windows.isEmpty()) {
            return new Schedule(tz, List.of());
        }
        List<Schedule.Window> out = new ArrayList<>();
        for (ScheduleWindowConfig w : windows) {
            Set<DayOfWeek> days = w.days().isEmpty() ? EnumSet.allOf(DayOfWeek.class)
                    : w.days().stream().map(d -> DAYS.get(d.toLowerCase(Locale.ROOT)))
                            .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class)));
            out.add(new Schedule.Window(days, LocalTime.parse(w.from()), LocalTime.parse(w.to())));
        }
        return new Schedule(tz, out);
    }
}
