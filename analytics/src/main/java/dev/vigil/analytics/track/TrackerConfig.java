package dev.vigil.analytics.track;

import dev.vigil.core.error.VigilException;

/**
 * Tracker settings.
 *
 * @param minIou a detection matches a track of its class by overlap when their IoU is at least this; default 0.3
 * @param maxCentroidShift failing overlap, it matches when the centres are at most this many track-box
 *     diagonals apart (fast objects at low frame rates); default 1.0, 0 disables
 * @param confirmHits matches that make a track confirmed; default 3
 * @param maxMisses looked-for-and-missed frames in a row after which a track ends; default 5
 * @param stationaryShift a track whose centre moved less than this many box diagonals per frame (smoothed) is
 *     standing still: when the detectors do not look at it, it is held rather than missed; default 0.08
 */
public record TrackerConfig(double minIou, double maxCentroidShift, int confirmHits, int maxMisses,
        double stationaryShift) {
    public TrackerConfig {
        if (!(minIou > 0 && minIou <= 1)) {
            throw VigilException.invalid("tracker minIou must be in (0, 1], was " + minIou);
        }
        if (!(maxCentroidShift >= 0)) {
            throw VigilException.invalid("tracker maxCentroidShift must be 0 or more, was " + maxCentroidShift);
        }
        if (confirmHits < 1) {
            throw VigilException.invalid("tracker confirmHits must be at least 1, was " + confirmHits);
        }
        if (maxMisses < 1) {
            throw VigilException.invalid("tracker maxMisses must be at least 1, was " + maxMisses);
        }
        if (!(stationaryShift >= 0)) {
            throw VigilException.invalid("tracker stationaryShift must be 0 or more, was " + stationaryShift);
        }
    }

    public static TrackerConfig defaults() {
        return new TrackerConfig(0.3, 1.0, 3, 5, 0.08);
    }
}
