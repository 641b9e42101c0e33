package dev.vigil.app.config;

import dev.vigil.app.IngestWiring;
import dev.vigil.app.analytics.AnalyticsWiring;
import dev.vigil.app.record.RecordingWiring;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.directory.CameraEntry;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.net.CameraNetworks;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Applies one camera's config change to the running engine, touching only the parts
 * {@link CameraDiff} names: the old parts stop in the order analytics, recording, detect stream,
 * ingest (a recording finishes its segment, an analyser ends its open events), then the new ones
 * start in the opposite order. Nothing else of the node, and no other camera, is touched.
 *
 * <p>A camera found through ONVIF has its stream URIs asked of its device when its ingest starts;
 * its detect stream is then the device's smaller profile.
 *
 * <p>Threading: one change at a time (synchronized); blocks the caller while sessions close
 * (about 2 s at most), a recording finishes its segment and an analyser leaves its frame.
 */
public final class LiveCameras {
    private static final Logger log = LoggerFactory.getLogger(LiveCameras.class);
    private static final List<CameraPart> STOP_ORDER = List.of(CameraPart.ANALYTICS, CameraPart.RECORDING,
            CameraPart.DETECT_STREAM, CameraPart.INGEST);
    private static final List<CameraPart> START_ORDER = List.of(CameraPart.INGEST, CameraPart.DETECT_STREAM,
            CameraPart.RECORDING, CameraPart.ANALYTICS);

    private final IngestWiring ingest;
    private final RecordingWiring recording;
    private final AnalyticsWiring analytics;
    private final CameraNetworks networks;
    private final BiConsumer<CameraId, CameraConfig> applied;

    /** What one change did: {@code "analytics restarted"}, {@code "recording stopped"}...; and what failed. */
    public record Outcome(List<String> steps, List<String> problems) {
        public Outcome {
            steps = List.copyOf(steps);
            problems = List.copyOf(problems);
        }
    }

    /**
     * @param networks what cameras written through the API may connect to
     * @param applied told of every applied change with the camera as it runs now, {@code null} when
     *     deleted or disabled (the alerts take their camera names and places from it)
     */
    public LiveCameras(IngestWiring ingest, RecordingWiring recording, AnalyticsWiring analytics,
            CameraNetworks networks, BiConsumer<CameraId, CameraConfig> applied) {
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.recording = Objects.requireNonNull(recording, "recording");
        this.analytics = Objects.requireNonNull(analytics, "analytics");
        this.networks = Objects.requireNonNull(networks, "networks");
        this.applied = Objects.requireNonNull(applied, "applied");
    }

    /**
     * Brings one camera from {@code before} to {@code after}.
     *
     * @param before the camera as it runs, or {@code null} when created
     * @param after the camera as stored now, or {@code null} when deleted
     * @param timeZoneChanged whether its rules' time zone changed
     */
    public synchronized Outcome apply(CameraEntry before, CameraEntry after, boolean timeZoneChanged) {
        CameraConfig b = before == null ? null : before.config();
        CameraConfig a = after == null ? null : after.config();
        String id = a != null ? a.id() : Objects.requireNonNull(b, "before or after").id();
        EnumSet<CameraPart> parts = CameraDiff.restarts(b, a, timeZoneChanged);
        List<String> steps = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        MDC.put("camera", id);
        try {
            EnumSet<CameraPart> stopped = EnumSet.noneOf(CameraPart.class);
            for (CameraPart part : STOP_ORDER) {
                if (parts.contains(part) && runs(part, b)) {
                    stop(part, CameraId.of(id));
                    stopped.add(part);
                }
            }
            EnumSet<CameraPart> started = EnumSet.noneOf(CameraPart.class);
            for (CameraPart part : START_ORDER) {
                if (parts.contains(part) && runs(part, a)) {
                    try {
                        if (start(part, after)) {
                            started.add(part);
                        }
                    } catch (VigilException e) {
                        problems.add(part.label() + ": " + e.getMessage());
                        log.error("camera {}: {} did not start: {}", id, part.label(), e.getMessage());
                        break;
                    }
                }
            }
            for (CameraPart part : CameraPart.values()) {
                boolean s = stopped.contains(part);
                boolean r = started.contains(part);
                if (s || r) {
                    steps.add(part.label() + (s && r ? " restarted" : s ? " stopped" : " started"));
                }
            }
            applied.accept(CameraId.of(id), a != null && Boolean.TRUE.equals(a.enabled()) ? a : null);
            log.info("camera {}: config applied: {}", id, steps.isEmpty() ? "nothing to restart" : steps);
        } finally {
            MDC.remove("camera");
        }
        return new Outcome(steps, problems);
    }

    private boolean runs(CameraPart part, CameraConfig c) {
        if (c == null || !Boolean.TRUE.equals(c.enabled())) {
            return false;
        }
        return switch (part) {
            case INGEST -> true;
            case DETECT_STREAM -> IngestWiring.hasDetectStream(ingest.streams(c));
            case RECORDING -> RecordingWiring.records(c);
            case ANALYTICS -> AnalyticsWiring.analyses(c);
        };
    }

    private void stop(CameraPart part, CameraId id) {
        switch (part) {
            case ANALYTICS -> analytics.remove(id);
            case RECORDING -> recording.remove(id);
            case DETECT_STREAM -> ingest.removeDetectStream(id);
            case INGEST -> ingest.remove(id);
        }
    }

    /** @return whether the part runs now */
    private boolean start(CameraPart part, CameraEntry entry) {
        CameraConfig c = entry.config();
        CameraNetworks restrictTo = CurrentConfig.restricted(entry) ? networks : null;
        switch (part) {
            case INGEST -> ingest.add(c, restrictTo);
            case DETECT_STREAM -> ingest.addDetectStream(c, restrictTo);
            case RECORDING -> recording.add(c);
            case ANALYTICS -> {
                return analytics.add(c);
            }
        }
        return true;
    }
}
