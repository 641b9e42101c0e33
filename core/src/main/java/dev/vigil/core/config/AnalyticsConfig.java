package dev.vigil.core.config;

import dev.vigil.core.model.AnalyticsMode;

/**
 * Analytics of one camera.
 *
 * @param mode {@code full} (default), {@code keyframes} or {@code off}
 * @param fps frames analysed per second in {@code full} mode; default 5
 */
public record AnalyticsConfig(AnalyticsMode mode, Integer fps) {
    public AnalyticsConfig {
        mode = ConfigDefaults.orDefault(mode, AnalyticsMode.FULL);
        fps = ConfigDefaults.orDefault(fps, 5);
    }

    static AnalyticsConfig defaults() {
        return new AnalyticsConfig(null, null);
    }
}
