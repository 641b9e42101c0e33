package dev.vigil.analytics.pipeline;

/**
 * Counters of one camera's analysis since it started.
 *
 * @param frames frames analysed
 * @param framesWithMotion frames on which motion was found
 * @param framesDetected frames on which object detectors ran
 * @param framesSkipped frames on which they did not (no motion, no rule needing objects, or a tampered view)
 * @param detectorRuns detector calls (one per detector and region)
 * @param detectorErrors detector calls that failed (counted, not thrown)
 * @param events event steps sent
 */
public record AnalyzerStats(long frames, long framesWithMotion, long framesDetected, long framesSkipped,
        long detectorRuns, long detectorErrors, long events) { }
