package dev.vigil.analytics.pipeline;

import dev.vigil.analytics.detect.Detection;
import dev.vigil.analytics.motion.MotionResult;
import dev.vigil.analytics.rules.TamperCause;
import dev.vigil.analytics.track.Track;
import dev.vigil.core.model.AnalyticsEvent;
import dev.vigil.core.model.NormalizedBox;
import java.util.List;
import java.util.Set;

/**
 * What the analysis of one frame found (for tests, metrics and a debug view).
 *
 * @param motion the motion found
 * @param examined the regions the object detectors looked at; empty when they did not run
 * @param detectorRuns calls of object detectors on this frame (one per detector and region)
 * @param detections the detections after suppression of duplicates
 * @param tracks the live tracks after the update
 * @param tamper the tamper causes active
 * @param events the event steps sent to the sink
 */
public record FrameReport(MotionResult motion, List<NormalizedBox> examined, int detectorRuns,
        List<Detection> detections, List<Track> tracks, Set<TamperCause> tamper, List<AnalyticsEvent> events) {
    public FrameReport {
        examined = List.copyOf(examined);
        detections = List.copyOf(detections);
        tracks = List.copyOf(tracks);
        tamper = Set.copyOf(tamper);
        events = List.copyOf(events);
    }
}
