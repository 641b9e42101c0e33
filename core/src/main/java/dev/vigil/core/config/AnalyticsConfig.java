package dev.vigil.core.config;

import dev.vigil.core.model.AnalyticsMode;
import java.util.List;

/**
 * Analytics of one camera: how much it decodes, which detectors look at frames with motion, and
 * the rules (on zones and lines drawn in normalized picture coordinates) that raise events.
 * {@link AnalyticsConfigValidator} checks it; an error names its key path
 * ({@code cameras[gate-1].analytics.rules[road].zone: ...}).
 *
 * @param mode {@code full} (default), {@code keyframes} or {@code off}
 * @param fps frames analysed per second in {@code full} mode; default 5
 * @param detectors object detectors run on the regions with motion; default {@code [hog]} (people).
 *     {@code motion} reports the moving regions themselves as objects of class {@code motion}.
 * @param upscale detector regions are enlarged by this factor first (HOG and cascades miss people
 *     shorter than their window, about 100 pixels at the 640-pixel analysis width); default 1
 * @param onnx the model for the {@code onnx} detector; required when it is listed
 * @param zones named polygons, at least 3 points each
 * @param lines named lines, 2 points each
 * @param rules what raises events; none by default (the camera is decoded only when it has rules)
 */
public record AnalyticsConfig(AnalyticsMode mode, Integer fps, List<DetectorKind> detectors, Double upscale,
        OnnxModelConfig onnx, List<ZoneConfig> zones, List<LineConfig> lines, List<RuleConfig> rules) {
    public AnalyticsConfig {
        mode = ConfigDefaults.orDefault(mode, AnalyticsMode.FULL);
        fps = ConfigDefaults.orDefault(fps, 5);
        detectors = detectors == null || detectors.isEmpty() ? List.of(DetectorKind.HOG) : List.copyOf(detectors);
        upscale = ConfigDefaults.orDefault(upscale, 1.0);
        zones = zones == null ? List.of() : List.copyOf(zones);
        lines = lines == null ? List.of() : List.copyOf(lines);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** Mode and rate only, default detectors, no rules. */
    public AnalyticsConfig(AnalyticsMode mode, Integer fps) {
        this(mode, fps, null, null, null, null, null, null);
    }

    /** Whether this camera is decoded for analytics at all: a mode other than {@code off} and a rule. */
    public boolean active() {
        return mode != AnalyticsMode.OFF && !rules.isEmpty();
    }

    static AnalyticsConfig defaults() {
        return new AnalyticsConfig(null, null);
    }
}
