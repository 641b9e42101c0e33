package dev.vigil.storage.retention;

import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.export.ExportJob;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How long things are kept, and how much may be kept. Pure and immutable.
 *
 * <p>A camera's retention is, first found: its {@code record.retentionDays} override; the default
 * of its configured kind; for a camera no longer configured, the default of the kind recorded with
 * its rows; failing that, the longest kind default (keep rather than lose). Kind defaults:
 * traffic 30 days, security 90, quarantine 14. An item expires when its end is at least the
 * retention before now. Legal holds are not the policy's business: the worker never deletes a
 * held item, whatever the policy says.
 *
 * <p>Storage budget: while the recordings in the catalog total more than {@code budgetBytes}
 * (when it is above 0), the oldest recordings by start, of any camera, not under legal hold, are
 * deleted, whether expired or not. Clips do not count against the budget and are not deleted by
 * it: they are the small, event-bearing part of what is stored.
 *
 * @param kindDefaults retention per kind; every kind present
 * @param kinds the configured cameras' kinds
 * @param overrides the configured cameras' own retention, where set
 * <p>Evidence exports: a done export job's files expire when it finished at least
 * {@code exportRetention} before now ({@code retention.exportDays}); zero keeps them forever. Jobs
 * queued or running never expire, nor do failed ones (they stored nothing), nor ones already
 * expired or deleted.
 *
 * @param budgetBytes the storage budget, 0 for none
 * @param exportRetention how long a finished export's files are kept; {@link Duration#ZERO}: forever
 */
public record RetentionPolicy(
        Map<CameraKind, Duration> kindDefaults,
        Map<CameraId, CameraKind> kinds,
        Map<CameraId, Duration> overrides,
        long budgetBytes,
        Duration exportRetention) {

    /** The built-in kind defaults. */
    public static final Map<CameraKind, Duration> KIND_DEFAULTS = Collections.unmodifiableMap(new EnumMap<>(Map.of(
            CameraKind.TRAFFIC, Duration.ofDays(30),
            CameraKind.SECURITY, Duration.ofDays(90),
            CameraKind.QUARANTINE, Duration.ofDays(14))));

    public RetentionPolicy {
        kindDefaults = Map.copyOf(kindDefaults);
        kinds = Map.copyOf(kinds);
        overrides = Map.copyOf(overrides);
        for (CameraKind kind : CameraKind.values()) {
            Duration d = kindDefaults.get(kind);
            if (d == null || d.isNegative() || d.isZero()) {
                throw VigilException.invalid("retention of kind " + kind + " must be positive, was " + d);
            }
        }
        overrides.forEach((camera, d) -> {
            if (d.isNegative() || d.isZero()) {
                throw VigilException.invalid("retention of camera " + camera + " must be positive, was " + d);
            }
        });
        if (budgetBytes < 0) {
            throw VigilException.invalid("storage budget must not be negative, was " + budgetBytes);
        }
        Objects.requireNonNull(exportRetention, "exportRetention");
        if (exportRetention.isNegative()) {
            throw VigilException.invalid("retention of exports must not be negative, was " + exportRetention);
        }
    }

    /** A policy that keeps evidence exports forever. */
    public RetentionPolicy(Map<CameraKind, Duration> kindDefaults, Map<CameraId, CameraKind> kinds,
            Map<CameraId, Duration> overrides, long budgetBytes) {
        this(kindDefaults, kinds, overrides, budgetBytes, Duration.ZERO);
    }

    /** The policy of a loaded configuration: its cameras' kinds and overrides, its budget. */
    public static RetentionPolicy from(VigilConfig config) {
        Map<CameraId, CameraKind> kinds = new HashMap<>();
        Map<CameraId, Duration> overrides = new HashMap<>();
        for (CameraConfig camera : config.cameras()) {
            CameraId id = CameraId.of(camera.id());
            kinds.put(id, camera.kind());
            if (camera.record().retentionDays() != null) {
                overrides.put(id, Duration.ofDays(camera.record().retentionDays()));
            }
        }
        return new RetentionPolicy(KIND_DEFAULTS, kinds, overrides, config.retention().budgetBytes(),
                Duration.ofDays(config.retention().exportDays()));
    }

    /**
     * How long the camera's items are kept.
     *
     * @param recordedKind the kind stored with the camera's rows, used only when the camera is no
     *     longer configured; may be {@code null}
     */
    public Duration retentionOf(CameraId camera, CameraKind recordedKind) {
        Objects.requireNonNull(camera, "camera");
        Duration override = overrides.get(camera);
        if (override != null) {
            return override;
        }
        CameraKind kind = kinds.getOrDefault(camera, recordedKind);
        if (kind != null) {
            return kindDefaults.get(kind);
        }
        return kindDefaults.values().stream().max(Duration::compareTo).orElseThrow();
    }

    /** Items of the camera that ended at or before this instant have expired. */
    public Instant cutoff(CameraId camera, CameraKind recordedKind, Instant now) {
        return now.minus(retentionOf(camera, recordedKind));
    }

    /** Whether the camera's retention depends on the kind stored with its rows (it is not configured). */
    public boolean needsRecordedKind(CameraId camera) {
        return !overrides.containsKey(camera) && !kinds.containsKey(camera);
    }

    /** Whether a storage budget is set. */
    public boolean hasBudget() {
        return budgetBytes > 0;
    }

    /** How many bytes over the budget {@code storedBytes} is; 0 when within it or with no budget. */
    public long excessBytes(long storedBytes) {
        return hasBudget() ? Math.max(0, storedBytes - budgetBytes) : 0;
    }

    /** Whether finished exports' files expire at all (false: kept forever). */
    public boolean exportsExpire() {
        return !exportRetention.isZero();
    }

    /**
     * Done export jobs that finished at or before this instant have expired; empty when exports
     * are kept forever.
     */
    public Optional<Instant> exportCutoff(Instant now) {
        return exportsExpire() ? Optional.of(now.minus(exportRetention)) : Optional.empty();
    }

    /** Whether the export job's files are to be deleted now: it is done and finished long enough ago. */
    public boolean exportExpired(ExportJob job, Instant now) {
        Objects.requireNonNull(job, "job");
        return job.state() == ExportJob.State.DONE && job.finishedAt() != null
                && exportCutoff(now).map(cutoff -> !job.finishedAt().isAfter(cutoff)).orElse(false);
    }
}
