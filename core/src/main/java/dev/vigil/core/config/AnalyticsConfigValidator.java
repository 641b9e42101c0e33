package dev.vigil.core.config;

import dev.vigil.core.model.AnalyticsMode;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks one camera's {@link AnalyticsConfig}: shapes, rules and the fields each rule type takes.
 * Pure; adds one message per problem, each starting with its key path.
 */
final class AnalyticsConfigValidator {
    /** The fields of {@link RuleConfig} that each type takes besides id, type, classes, schedule, cooldown. */
    private static final Map<RuleKind, Set<String>> FIELDS = Map.of(
            RuleKind.INTRUSION, Set.of("zone"),
            RuleKind.LINE_CROSSING, Set.of("line", "allowed"),
            RuleKind.LOITERING, Set.of("zone", "dwellSeconds"),
            RuleKind.CROWDING, Set.of("zone", "minCount"),
            RuleKind.STOPPED_OBJECT, Set.of("zone", "stillForSeconds"),
            RuleKind.TAMPER, Set.of("causes"));
    static final Set<String> DIRECTIONS = Set.of("left-to-right", "right-to-left", "top-to-bottom", "bottom-to-top");
    static final Set<String> CAUSES = Set.of("covered", "defocused", "moved", "scene-changed", "frozen");
    private static final Set<String> DAYS = Set.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private AnalyticsConfigValidator() {}

    static void validate(List<String> p, String at, AnalyticsConfig a) {
        ConfigValidator.range(p, at + ".fps", a.fps(), 1, 30);
        if (!(a.upscale() >= 1 && a.upscale() <= 4)) {
            p.add(at + ".upscale: must be within 1..4, was " + a.upscale());
        }
        if (a.detectors().contains(DetectorKind.ONNX)) {
            onnx(p, at + ".onnx", a.onnx());
        } else if (a.onnx() != null) {
            p.add(at + ".onnx: given, but 'onnx' is not in " + at + ".detectors");
        }
        if (a.detectors().stream().distinct().count() != a.detectors().size()) {
            p.add(at + ".detectors: lists a detector twice");
        }
        Set<String> zones = new HashSet<>();
        for (int i = 0; i < a.zones().size(); i++) {
            ZoneConfig z = a.zones().get(i);
            String key = ConfigPaths.item(at + ".zones", z.name(), i);
            name(p, key, z.name(), zones);
            points(p, key + ".points", z.points(), 3, 64);
        }
        Set<String> lines = new HashSet<>();
        for (int i = 0; i < a.lines().size(); i++) {
            LineConfig l = a.lines().get(i);
            String key = ConfigPaths.item(at + ".lines", l.name(), i);
            name(p, key, l.name(), lines);
            points(p, key + ".points", l.points(), 2, 2);
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < a.rules().size(); i++) {
            RuleConfig r = a.rules().get(i);
            rule(p, ConfigPaths.item(at + ".rules", r.id(), i), r, ids, zones, lines);
        }
        if (a.mode() == AnalyticsMode.OFF && !a.rules().isEmpty()) {
            p.add(at + ".mode: off, but " + a.rules().size() + " rules are given; remove them or set a mode");
        }
    }

    static void timeZone(List<String> p, String key, String zone) {
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            p.add(key + ": not a time zone (IANA names such as Asia/Ho_Chi_Minh or UTC): '" + zone + "'");
        }
    }

    private static void onnx(List<String> p, String at, OnnxModelConfig m) {
        if (m == null) {
            p.add(at + ": required when 'onnx' is in the detectors: {model: FILE, labels: [...]}");
            return;
        }
        if (m.model() == null || m.model().isBlank()) {
            p.add(at + ".model: required: the .onnx file");
        }
        if (m.labels().isEmpty()) {
            p.add(at + ".labels: required: the model's class names in its class order");
        }
        ConfigValidator.range(p, at + ".inputSize", m.inputSize(), 32, 4096);
        if (m.layout() != null && !Set.of("v5", "v8", "v11").contains(m.layout())) {
            p.add(at + ".layout: must be v5, v8 or v11, was '" + m.layout() + "'");
        }
        if (!(m.minConfidence() > 0 && m.minConfidence() < 1)) {
            p.add(at + ".minConfidence: must be between 0 and 1, was " + m.minConfidence());
        }
    }

    private static void rule(List<String> p, String at, RuleConfig r, Set<String> ids, Set<String> zones,
            Set<String> lines) {
        name(p, at, r.id(), ids);
        if (r.type() == null) {
            p.add(at + ".type: required: intrusion, line-crossing, loitering, crowding, stopped-object or tamper");
            return;
        }
        Set<String> takes = FIELDS.get(r.type());
        Map<String, Object> given = new java.util.LinkedHashMap<>();
        given.put("zone", r.zone());
        given.put("line", r.line());
        given.put("allowed", r.allowed());
        given.put("dwellSeconds", r.dwellSeconds());
        given.put("minCount", r.minCount());
        given.put("stillForSeconds", r.stillForSeconds());
        given.put("causes", r.causes().isEmpty() ? null : r.causes());
        given.forEach((field, value) -> {
            if (value != null && !takes.contains(field)) {
                p.add(at + "." + field + ": a " + wire(r.type()) + " rule does not take it");
            }
        });
        if (takes.contains("zone")) {
            reference(p, at + ".zone", r.zone(), zones, "zone");
        }
        if (takes.contains("line")) {
            reference(p, at + ".line", r.line(), lines, "line");
        }
        if (r.allowed() != null && !DIRECTIONS.contains(r.allowed())) {
            p.add(at + ".allowed: must be one of " + new java.util.TreeSet<>(DIRECTIONS) + ", was '" + r.allowed() + "'");
        }
        if (r.type() == RuleKind.LOITERING) {
            required(p, at + ".dwellSeconds", r.dwellSeconds(), 1, 86_400);
        }
        if (r.type() == RuleKind.CROWDING) {
            required(p, at + ".minCount", r.minCount(), 1, 1000);
        }
        if (r.type() == RuleKind.STOPPED_OBJECT) {
            required(p, at + ".stillForSeconds", r.stillForSeconds(), 1, 86_400);
        }
        if (r.type() == RuleKind.TAMPER && !r.classes().isEmpty()) {
            p.add(at + ".classes: a tamper rule is about the view, not objects");
        }
        for (String cause : r.causes()) {
            if (!CAUSES.contains(cause)) {
                p.add(at + ".causes: unknown cause '" + cause + "' (known: " + new java.util.TreeSet<>(CAUSES) + ")");
            }
        }
        for (String c : r.classes()) {
            if (c == null || c.isBlank() || !c.equals(c.toLowerCase(Locale.ROOT))) {
                p.add(at + ".classes: class names are lower case, e.g. person, car; was '" + c + "'");
            }
        }
        ConfigValidator.range(p, at + ".cooldownSeconds", r.cooldownSeconds(), 0, 86_400);
        for (int i = 0; i < r.schedule().size(); i++) {
            window(p, at + ".schedule[" + i + "]", r.schedule().get(i));
        }
    }

    private static void window(List<String> p, String at, ScheduleWindowConfig w) {
        for (String d : w.days()) {
            if (d == null || !DAYS.contains(d.toLowerCase(Locale.ROOT))) {
                p.add(at + ".days: '" + d + "' is not one of mon, tue, wed, thu, fri, sat, sun");
            }
        }
        time(p, at + ".from", w.from());
        time(p, at + ".to", w.to());
        if (w.from() != null && w.from().equals(w.to())) {
            p.add(at + ": from and to are equal; leave the schedule out for always");
        }
    }

    private static void time(List<String> p, String key, String value) {
        if (value == null) {
            p.add(key + ": required, HH:mm");
            return;
        }
        try {
            LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            p.add(key + ": not a time of day HH:mm: '" + value + "'");
        }
    }

    private static void name(List<String> p, String at, String name, Set<String> seen) {
        if (name == null || name.isBlank()) {
            p.add(at + ": needs a name (zones, lines) or id (rules)");
        } else if (!seen.add(name)) {
            p.add(at + ": '" + name + "' is used twice");
        }
    }

    private static void reference(List<String> p, String key, String name, Set<String> known, String what) {
        if (name == null) {
            p.add(key + ": required: the name of one of this camera's " + what + "s");
        } else if (!known.contains(name)) {
            p.add(key + ": no " + what + " named '" + name + "' (known: " + String.join(", ", new java.util.TreeSet<>(known))
                    + ")");
        }
    }

    private static void required(List<String> p, String key, Integer value, int min, int max) {
        if (value == null) {
            p.add(key + ": required");
        } else {
            ConfigValidator.range(p, key, value, min, max);
        }
    }

    private static void points(List<String> p, String key, List<List<Double>> points, int min, int max) {
        if (points.size() < min || points.size() > max) {
            p.add(key + ": needs " + (min == max ? String.valueOf(min) : min + " to " + max) + " [x, y] points, had "
                    + points.size());
        }
        for (int i = 0; i < points.size(); i++) {
            List<Double> xy = points.get(i);
            if (xy.size() != 2 || xy.get(0) == null || xy.get(1) == null
                    || !(xy.get(0) >= 0 && xy.get(0) <= 1 && xy.get(1) >= 0 && xy.get(1) <= 1)) {
                p.add(key + "[" + i + "]: must be [x, y] with both within 0..1 (fractions of the picture), was " + xy);
            }
        }
    }

    private static String wire(RuleKind k) {
        return k.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
