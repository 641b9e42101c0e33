package dev.vigil.analytics.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.AnalyticsConfig;
import dev.vigil.core.config.LineConfig;
import dev.vigil.core.config.RuleConfig;
import dev.vigil.core.config.RuleKind;
import dev.vigil.core.config.ScheduleWindowConfig;
import dev.vigil.core.config.ZoneConfig;
import dev.vigil.core.model.AnalyticsMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleCompilerTest {
    private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final List<List<Double>> SQUARE = List.of(List.of(0.1, 0.1), List.of(0.9, 0.1), List.of(0.9, 0.9),
            List.of(0.1, 0.9));

    private static RuleConfig rule(String id, RuleKind type) {
        return new RuleConfig(id, type, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void everyRuleTypeCompilesWithItsFields() {
        AnalyticsConfig config = new AnalyticsConfig(AnalyticsMode.FULL, 5, null, null, null,
                List.of(new ZoneConfig("yard", SQUARE)), List.of(new LineConfig("gate", List.of(List.of(0.5, 0.0),
                        List.of(0.5, 1.0)))),
                List.of(new RuleConfig("in", RuleKind.INTRUSION, "yard", null, List.of("person"), null, null, null, null,
                                null, List.of(new ScheduleWindowConfig(List.of("mon", "tue"), "18:00", "07:00")), 30),
                        new RuleConfig("count", RuleKind.LINE_CROSSING, null, "gate", null, "right-to-left", null, null,
                                null, null, null, null),
                        new RuleConfig("loiter", RuleKind.LOITERING, "yard", null, null, null, 60, null, null, null, null,
                                null),
                        new RuleConfig("crowd", RuleKind.CROWDING, "yard", null, null, null, null, 4, null, null, null,
                                null),
                        new RuleConfig("stopped", RuleKind.STOPPED_OBJECT, "yard", null, null, null, null, null, 120,
                                null, null, null),
                        new RuleConfig("tamper", RuleKind.TAMPER, null, null, null, null, null, null, null,
                                List.of("covered", "scene-changed"), null, null)));
        List<Rule> rules = RuleCompiler.compile(config, HANOI);
        assertEquals(6, rules.size());
        Rule.ZoneIntrusion in = assertInstanceOf(Rule.ZoneIntrusion.class, rules.get(0));
        assertEquals(Set.of("person"), in.classes());
        assertEquals(Duration.ofSeconds(30), in.cooldown());
        assertTrue(in.zone().contains(new NormalizedPoint(0.5, 0.5)));
        assertFalse(in.zone().contains(new NormalizedPoint(0.95, 0.5)));
        // Armed Monday 18:00 to Tuesday 07:00 Hanoi time (UTC+7): Monday 12:00 UTC is 19:00 there.
        assertTrue(in.schedule().isArmed(Instant.parse("2026-11-23T12:00:00Z")));
        assertFalse(in.schedule().isArmed(Instant.parse("2026-11-23T05:00:00Z")));
        assertTrue(in.schedule().isArmed(Instant.parse("2026-11-23T23:30:00Z")), "06:30 Tuesday, over midnight");
        Rule.LineCrossing count = assertInstanceOf(Rule.LineCrossing.class, rules.get(1));
        assertEquals(Optional.of(CrossingDirection.RIGHT_TO_LEFT), count.allowed());
        assertEquals(Duration.ofSeconds(60), assertInstanceOf(Rule.Loitering.class, rules.get(2)).dwell());
        assertEquals(4, assertInstanceOf(Rule.Crowding.class, rules.get(3)).minCount());
        Rule.StoppedObject stopped = assertInstanceOf(Rule.StoppedObject.class, rules.get(4));
        assertEquals(Rule.VEHICLES, stopped.classes());
        assertEquals(Duration.ofSeconds(120), stopped.stillFor());
        assertEquals(EnumSet.of(TamperCause.COVERED, TamperCause.SCENE_CHANGED),
                EnumSet.copyOf(assertInstanceOf(Rule.Tamper.class, rules.get(5)).causes()));
        assertTrue(rules.get(5).schedule().isArmed(Instant.parse("2026-11-23T05:00:00Z")), "no schedule: always");
    }

    @Test
    void aTamperRuleWithoutCausesWatchesThemAll() {
        AnalyticsConfig config = new AnalyticsConfig(AnalyticsMode.FULL, 5, null, null, null, null, null,
                List.of(rule("t", RuleKind.TAMPER)));
        Rule.Tamper t = assertInstanceOf(Rule.Tamper.class, RuleCompiler.compile(config, HANOI).get(0));
        assertEquals(EnumSet.allOf(TamperCause.class), EnumSet.copyOf(t.causes()));
    }
}
