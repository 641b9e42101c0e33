package dev.vigil.storage.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.ConfigLoader;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {
    private static final String CONFIG = """
            retention: {budgetBytes: 500000000000}
            sites: [{id: yard, name: Yard}]
            cameras:
              - {id: road-1, site: yard, kind: traffic, url: rtsp://h/1}
              - {id: gate-1, site: yard, url: rtsp://h/2}
              - {id: ward-1, site: yard, kind: quarantine, url: rtsp://h/3}
              - {id: road-2, site: yard, kind: traffic, url: rtsp://h/4, record: {retentionDays: 365}}
              - {id: ward-2, site: yard, kind: quarantine, url: rtsp://h/5, record: {retentionDays: 3}}
            """;

    private final RetentionPolicy policy = RetentionPolicy.from(new ConfigLoader(Map.of()).loadYaml(CONFIG, "test"));

    @Test
    void eachKindHasItsDefault() {
        assertEquals(Duration.ofDays(30), policy.retentionOf(CameraId.of("road-1"), null));
        assertEquals(Duration.ofDays(90), policy.retentionOf(CameraId.of("gate-1"), null), "security is the default kind");
        assertEquals(Duration.ofDays(14), policy.retentionOf(CameraId.of("ward-1"), null));
    }

    @Test
    void aCameraOverrideWinsEitherWay() {
        assertEquals(Duration.ofDays(365), policy.retentionOf(CameraId.of("road-2"), CameraKind.QUARANTINE));
        assertEquals(Duration.ofDays(3), policy.retentionOf(CameraId.of("ward-2"), null));
        assertFalse(policy.needsRecordedKind(CameraId.of("road-2")));
    }

    @Test
    void theConfiguredKindWinsOverTheRecordedOne() {
        assertEquals(Duration.ofDays(30), policy.retentionOf(CameraId.of("road-1"), CameraKind.SECURITY));
    }

    @Test
    void aCameraNoLongerConfiguredKeepsByItsRecordedKindOrTheLongestDefault() {
        CameraId gone = CameraId.of("removed-7");
        assertTrue(policy.needsRecordedKind(gone));
        assertEquals(Duration.ofDays(14), policy.retentionOf(gone, CameraKind.QUARANTINE));
        assertEquals(Duration.ofDays(90), policy.retentionOf(gone, null));
    }

    @Test
    void theCutoffIsNowLessTheRetention() {
        Instant now = Instant.parse("2026-11-26T00:00:00Z");
        assertEquals(Instant.parse("2026-10-27T00:00:00Z"), policy.cutoff(CameraId.of("road-1"), null, now));
    }

    @Test
    void theBudgetCountsOnlyWhenSet() {
        assertTrue(policy.hasBudget());
        assertEquals(0, policy.excessBytes(500_000_000_000L));
        assertEquals(1, policy.excessBytes(500_000_000_001L));
        RetentionPolicy unlimited = RetentionPolicy.from(VigilConfig.defaults());
        assertFalse(unlimited.hasBudget());
        assertEquals(0, unlimited.excessBytes(Long.MAX_VALUE));
        assertEquals(RetentionPolicy.KIND_DEFAULTS, unlimited.kindDefaults());
    }

    @Test
    void nonsenseIsRejected() {
        assertThrows(VigilException.class, () -> new RetentionPolicy(Map.of(), Map.of(), Map.of(), 0));
        assertThrows(VigilException.class, () -> new RetentionPolicy(RetentionPolicy.KIND_DEFAULTS, Map.of(),
                Map.of(CameraId.of("x"), Duration.ZERO), 0));
        assertThrows(VigilException.class, () -> new RetentionPolicy(RetentionPolicy.KIND_DEFAULTS, Map.of(), Map.of(), -1));
    }
}
