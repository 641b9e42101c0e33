package dev.vigil.analytics.tamper;

import dev.vigil.core.error.VigilException;
import java.time.Duration;

/**
 * Camera tamper settings. The measures are taken on the grey frame scaled to {@code width}.
 *
 * @param width analysis width in pixels; default 320
 * @param coveredStdDev a frame whose grey levels spread less than this (standard deviation, 0-255) is covered; default 12
 * @param defocusRatio a frame whose sharpness (variance of the Laplacian) falls under this fraction of the
 *     reference's is defocused; default 0.3
 * @param minShift a shift of the picture against the reference of at least this fraction of its width is a
 *     moved camera; default 0.04
 * @param minShiftResponse the phase-correlation peak needed to trust a shift, 0 to 1; default 0.2 (a shifted
 *     scene peaks near 0.9, an unrelated one near 0.1)
 * @param minSimilarity a frame less alike the reference (normalized cross-correlation, -1 to 1) than this, and not a
 *     shift of it, is a changed scene; default 0.5
 * @param frozenMaxDiff consecutive frames whose mean absolute grey difference stays below this are identical; default 0.3
 * @param frozenFor how long frames must stay identical to call the feed frozen; default 5 s
 * @param persist how long a cause must hold before it is reported, and be gone before it is cleared; default 2 s
 * @param learningRate weight of a new untampered frame in the reference, 0 to 1; default 0.01
 */
public record TamperConfig(int width, double coveredStdDev, double defocusRatio, double minShift,
        double minShiftResponse, double minSimilarity, double frozenMaxDiff, Duration frozenFor, Duration persist,
        double learningRate) {
    public TamperConfig {
        if (width < 64) {
            throw VigilException.invalid("tamper width must be at least 64, was " + width);
        }
        if (!(coveredStdDev >= 0)) {
            throw VigilException.invalid("tamper coveredStdDev must be 0 or more, was " + coveredStdDev);
        }
        if (!(defocusRatio > 0 && defocusRatio < 1)) {
            throw VigilException.invalid("tamper defocusRatio must be in (0, 1), was " + defocusRatio);
        }
        if (!(minShift > 0 && minShift < 0.5)) {
            throw VigilException.invalid("tamper minShift must be in (0, 0.5), was " + minShift);
        }
        if (!(minSimilarity > -1 && minSimilarity < 1)) {
            throw VigilException.invalid("tamper minSimilarity must be in (-1, 1), was " + minSimilarity);
        }
        if (frozenFor == null || frozenFor.isNegative() || frozenFor.isZero()
                || persist == null || persist.isNegative()) {
            throw VigilException.invalid("tamper frozenFor must be positive and persist 0 or more, were "
                    + frozenFor + " and " + persist);
        }
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw VigilException.invalid("tamper learningRate must be in (0, 1], was " + learningRate);
        }
    }

    public static TamperConfig defaults() {
        return new TamperConfig(320, 12, 0.3, 0.04, 0.2, 0.5, 0.3, Duration.ofSeconds(5), Duration.ofSeconds(2),
                0.01);
    }
}
