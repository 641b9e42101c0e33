package dev.vigil.storage.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.ConfigLoader;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.export.ExportFile;
import dev.vigil.core.export.ExportJob;
import dev.vigil.core.export.ExportOrder;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    @Test
    void aDoneExportExpiresExportDaysAfterItFinishedAndNothingElseEver() {
        Instant now = Instant.parse("2026-11-26T00:00:00Z");
        assertEquals(Duration.ofDays(30), policy.exportRetention(), "retention.exportDays defaults to 30");
        Instant cutoff = now.minus(Duration.ofDays(30));
        assertEquals(java.util.Optional.of(cutoff), policy.exportCutoff(now));
        assertTrue(policy.exportExpired(job(ExportJob.State.DONE, cutoff.minusSeconds(1)), now));
        assertTrue(policy.exportExpired(job(ExportJob.State.DONE, cutoff), now), "exactly 30 days ago");
        assertFalse(policy.exportExpired(job(ExportJob.State.DONE, cutoff.plusMillis(1)), now));
        assertFalse(policy.exportExpired(job(ExportJob.State.QUEUED, null), now), "queued for a year");
        assertFalse(policy.exportExpired(job(ExportJob.State.RUNNING, null), now), "running for a year");
        assertFalse(policy.exportExpired(job(ExportJob.State.FAILED, cutoff.minusSeconds(86_400)), now),
                "a failed job stored nothing");
        ExportJob old = job(ExportJob.State.DONE, cutoff.minusSeconds(86_400));
        assertFalse(policy.exportExpired(old.removed(ExportJob.State.EXPIRED, now.minusSeconds(60)), now));
        assertFalse(policy.exportExpired(old.removed(ExportJob.State.DELETED, now.minusSeconds(60)), now));

        RetentionPolicy forever = RetentionPolicy.from(new ConfigLoader(Map.of()).loadYaml(
                "retention: {exportDays: 0}\n", "test"));
        assertFalse(forever.exportsExpire());
        assertTrue(forever.exportCutoff(now).isEmpty());
        assertFalse(forever.exportExpired(job(ExportJob.State.DONE, now.minus(Duration.ofDays(36_500))), now));
        RetentionPolicy week = RetentionPolicy.from(new ConfigLoader(Map.of()).loadYaml(
                "retention: {exportDays: 7}\n", "test"));
        assertTrue(week.exportExpired(job(ExportJob.State.DONE, now.minus(Duration.ofDays(7))), now));
        assertFalse(week.exportExpired(job(ExportJob.State.DONE, now.minus(Duration.ofDays(6))), now));
        assertThrows(VigilException.class, () -> new RetentionPolicy(RetentionPolicy.KIND_DEFAULTS, Map.of(), Map.of(),
                0, Duration.ofDays(-1)));
    }

    private static ExportJob job(ExportJob.State state, Instant finishedAt) {
        ExportOrder order = new ExportOrder(CameraId.of("road-1"), TimeRange.of(Instant.parse("2025-01-01T10:00:00Z"),
                Instant.parse("2025-01-01T10:05:00Z")), "insp (token t1)", "CASE-1");
        List<ExportFile> files = state == ExportJob.State.DONE ? List.of(new ExportFile("road-1.mp4",
                ExportFile.Kind.MP4, 10, "0".repeat(64))) : List.of();
        return new ExportJob("x" + "a".repeat(20), order, state, state == ExportJob.State.DONE ? 1 : 0,
                Instant.parse("2025-01-01T11:00:00Z"), finishedAt, files,
                state == ExportJob.State.FAILED ? ErrorKind.NOT_FOUND : null,
                state == ExportJob.State.FAILED ? "no recordings" : null);
    }
}
