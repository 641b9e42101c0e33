package dev.vigil.analytics.pipeline;

import dev.vigil.analytics.detect.RegionPlanner;
import dev.vigil.analytics.motion.MotionConfig;
import dev.vigil.analytics.snapshot.SnapshotRenderer;
import dev.vigil.analytics.tamper.TamperConfig;
import dev.vigil.analytics.track.TrackerConfig;
import dev.vigil.core.error.VigilException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One camera's analysis settings.
 *
 * @param detectWidth frames are scaled down to this width for the object detectors; default 640
 * @param motion motion settings (its width is the motion and tamper analysis width)
 * @param tamper tamper settings; empty to skip tamper detection
 * @param tracker tracker settings
 * @param regions how motion regions become detector regions
 * @param nmsIou detections of one label overlapping by this IoU or more are one object; default 0.45
 * @param updateInterval how often a lasting event sends an UPDATE when nothing else changes; default 10 s
 * @param snapshot JPEG snapshot settings
 * @param motionObjects whether the moving regions themselves are objects of class {@value #MOTION_CLASS}
 *     ("motion in zone" rules, the cheapest detector); default false
 */
public record AnalyzerConfig(int detectWidth, MotionConfig motion, Optional<TamperConfig> tamper,
        TrackerConfig tracker, RegionPlanner regions, double nmsIou, Duration updateInterval,
        SnapshotRenderer snapshot, boolean motionObjects) {
    /** The class of the objects that motion itself reports when {@code motionObjects} is on. */
    public static final String MOTION_CLASS = "motion";

    public AnalyzerConfig {
        if (detectWidth < 64) {
            throw VigilException.invalid("analytics detectWidth must be at least 64, was " + detectWidth);
        }
        Objects.requireNonNull(motion, "motion");
        Objects.requireNonNull(tamper, "tamper");
        Objects.requireNonNull(tracker, "tracker");
        Objects.requireNonNull(regions, "regions");
        Objects.requireNonNull(snapshot, "snapshot");
        if (!(nmsIou > 0 && nmsIou <= 1)) {
            throw VigilException.invalid("analytics nmsIou must be in (0, 1], was " + nmsIou);
        }
        if (updateInterval == null || updateInterval.isNegative() || updateInterval.isZero()) {
            throw VigilException.invalid("analytics updateInterval must be positive, was " + updateInterval);
        }
    }

    public static AnalyzerConfig defaults() {
        return new AnalyzerConfig(640, MotionConfig.defaults(), Optional.of(TamperConfig.defaults()),
                TrackerConfig.defaults(), RegionPlanner.defaults(), 0.45, Duration.ofSeconds(10),
                SnapshotRenderer.defaults(), false);
    }

    public AnalyzerConfig withTamper(Optional<TamperConfig> t) {
        return new AnalyzerConfig(detectWidth, motion, t, tracker, regions, nmsIou, updateInterval, snapshot, motionObjects);
    }

    public AnalyzerConfig withTracker(TrackerConfig t) {
        return new AnalyzerConfig(detectWidth, motion, tamper, t, regions, nmsIou, updateInterval, snapshot, motionObjects);
    }

    public AnalyzerConfig withMotionObjects(boolean on) {
        return new AnalyzerConfig(detectWidth, motion, tamper, tracker, regions, nmsIou, updateInterval, snapshot, on);
    }

    public AnalyzerConfig withDetectWidth(int width) {
        return new AnalyzerConfig(width, motion, tamper, tracker, regions, nmsIou, updateInterval, snapshot,
                motionObjects);
    }

    public AnalyzerConfig withMotion(MotionConfig m) {
        return new AnalyzerConfig(detectWidth, m, tamper, tracker, regions, nmsIou, updateInterval, snapshot, motionObjects);
    }
}
