package dev.vigil.analytics.pipeline;

import dev.vigil.analytics.detect.AnalysisImage;
import dev.vigil.analytics.detect.Detection;
import dev.vigil.analytics.detect.Frame;
import dev.vigil.analytics.detect.NonMaximumSuppression;
import dev.vigil.analytics.detect.ObjectDetector;
import dev.vigil.analytics.detect.PixelRect;
import dev.vigil.analytics.motion.MotionDetector;
import dev.vigil.analytics.motion.MotionResult;
import dev.vigil.analytics.rules.Rule;
import dev.vigil.analytics.rules.RuleEngine;
import dev.vigil.analytics.rules.RuleTransition;
import dev.vigil.analytics.rules.TamperCause;
import dev.vigil.analytics.snapshot.BestFrames;
import dev.vigil.analytics.tamper.TamperDetector;
import dev.vigil.analytics.track.Track;
import dev.vigil.analytics.track.Tracker;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AnalyticsEvent;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.NormalizedBox;
import dev.vigil.core.port.AnalyticsEventSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Analyses one camera's frames: tamper, motion, object detection gated by motion, tracking,
 * rules, and event snapshots, and sends the event steps to the sink.
 *
 * <p>Motion gates the object detectors: they run only on frames with motion, and only on the
 * regions around it ({@link dev.vigil.analytics.detect.RegionPlanner}); not on frames without
 * motion, nor while the view is covered, moved or changed (nothing there is to be trusted), nor
 * when no rule needs objects. Objects standing still are held by the tracker meanwhile.
 *
 * <p>Contract: one analyzer per camera, confined to the thread that feeds it frames, in
 * wall-clock order. It owns the detectors given to it and closes them in {@link #close}, which
 * also ends every open event (at the last frame's time) and frees the kept best frames. A
 * detector failure is counted and logged once per detector; the frame goes on without it.
 */
public final class CameraAnalyzer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CameraAnalyzer.class);
    /** Causes under which the picture shows nothing to detect objects in. */
    private static final Set<TamperCause> BLIND = Set.of(TamperCause.COVERED, TamperCause.MOVED,
            TamperCause.SCENE_CHANGED);

    private final CameraId camera;
    private final AnalyzerConfig config;
    private final List<ObjectDetector> detectors;
    private final RuleEngine rules;
    private final Set<String> watched;
    private final AnalyticsEventSink sink;
    private final MotionDetector motion;
    private final TamperDetector tamper;
    private final Tracker tracker;
    private final BestFrames bestFrames = new BestFrames();
    private final Set<String> failedDetectors = new HashSet<>();
    private long frames;
    private long framesWithMotion;
    private long framesDetected;
    private long framesSkipped;
    private long detectorRuns;
    private long detectorErrors;
    private long events;
    private Instant lastTime;
    private boolean closed;

    /**
     * @param camera the camera
     * @param config its analysis settings
     * @param detectors its object detectors; the analyzer takes ownership
     * @param rules its rules
     * @param sink where event steps go
     */
    public CameraAnalyzer(CameraId camera, AnalyzerConfig config, List<ObjectDetector> detectors, List<Rule> rules,
            AnalyticsEventSink sink) {
        this.camera = Objects.requireNonNull(camera, "camera");
        this.config = Objects.requireNonNull(config, "config");
        this.detectors = List.copyOf(detectors);
        this.sink = Objects.requireNonNull(sink, "sink");
        this.rules = new RuleEngine(camera, rules, config.updateInterval());
        this.watched = this.rules.watchedClasses();
        this.motion = new MotionDetector(config.motion());
        this.tamper = config.tamper().map(TamperDetector::new).orElse(null);
        this.tracker = new Tracker(config.tracker());
    }

    /** Analyses the next frame of this camera; sends its event steps to the sink and reports what it found. */
    public FrameReport analyze(Frame frame) {
        if (closed) {
            throw new VigilException(ErrorKind.FAILED_PRECONDITION, "camera " + camera + ": analyzer is closed");
        }
        if (!frame.camera().equals(camera)) {
            throw VigilException.invalid("analyzer of camera " + camera + " was given a frame of " + frame.camera());
        }
        Instant now = frame.wallClock();
        lastTime = now;
        frames++;
        Set<TamperCause> tampered;
        MotionResult moved;
        try (Mat small = frame.greyMat(config.motion().width())) {
            tampered = tamper == null ? Set.of() : tamper.update(small, now).active();
            moved = motion.update(small);
        }
        if (moved.hasMotion()) {
            framesWithMotion++;
        }
        List<Detection> detections = List.of();
        List<NormalizedBox> examined = List.of();
        int runs = 0;
        boolean detect = moved.hasMotion() && (!detectors.isEmpty() || config.motionObjects()) && rules.needsObjects()
                && tampered.stream().noneMatch(BLIND::contains);
        if (detect) {
            List<Detection> found = new ArrayList<>();
            List<NormalizedBox> looked = new ArrayList<>();
            if (config.motionObjects()) {
                for (NormalizedBox box : moved.regions()) {
                    found.add(new Detection(AnalyzerConfig.MOTION_CLASS, 1.0, box));
                    looked.add(box);
                }
            }
            try (AnalysisImage image = detectors.isEmpty() ? null
                    : new AnalysisImage(frame.greyMat(config.detectWidth()), frame.bgr())) {
                for (ObjectDetector detector : detectors) {
                    List<PixelRect> regions = config.regions().plan(moved.regions(), image.width(), image.height(),
                            detector.minRegionWidth(), detector.minRegionHeight());
                    for (PixelRect region : regions) {
                        runs++;
                        looked.add(region.normalized(image.width(), image.height()));
                        found.addAll(run(detector, image, region));
                    }
                }
            }
            detections = NonMaximumSuppression.apply(watchedOnly(found), config.nmsIou());
            examined = looked;
            framesDetected++;
            detectorRuns += runs;
        } else {
            framesSkipped++;
        }
        // Motion as the only detector looks at the whole frame on every frame: a moving object that
        // stops or leaves shows no motion, so its track must be missed (and end) rather than held.
        boolean motionOnly = config.motionObjects() && detectors.isEmpty();
        List<Track> tracks = tracker.update(detections, motionOnly ? null : examined, now);
        List<AnalyticsEvent> sent = publish(rules.evaluate(tracks, tampered, now), frame);
        return new FrameReport(moved, examined, runs, detections, tracks, tampered, sent);
    }

    private List<Detection> run(ObjectDetector detector, AnalysisImage image, PixelRect region) {
        try {
            return detector.detect(image, region);
        } catch (VigilException e) {
            detectorErrors++;
            if (failedDetectors.add(detector.name())) {
                MDC.put("camera", camera.value());
                try {
                    LOG.warn("detector {} failed (further failures are counted, not logged): {}", detector.name(),
                            e.getMessage());
                } finally {
                    MDC.remove("camera");
                }
            }
            return List.of();
        }
    }

    private List<Detection> watchedOnly(List<Detection> found) {
        if (watched.isEmpty()) {
            return found;
        }
        List<Detection> out = new ArrayList<>(found.size());
        for (Detection d : found) {
            if (watched.contains(d.label())) {
                out.add(d);
            }
        }
        return out;
    }

    /** Attaches snapshots, keeps best frames, and sends the steps that are to be sent. */
    private List<AnalyticsEvent> publish(List<RuleTransition> steps, Frame frame) {
        if (steps.isEmpty()) {
            return List.of();
        }
        List<AnalyticsEvent> sent = new ArrayList<>();
        EventSnapshots snapshots = new EventSnapshots(frame, bestFrames, config.snapshot());
        try (snapshots) {
            for (RuleTransition step : steps) {
                AnalyticsEvent event = snapshots.apply(step);
                if (step.publish()) {
                    sink.accept(event);
                    sent.add(event);
                    events++;
                }
            }
        }
        return sent;
    }

    /** Counters since the start. */
    public AnalyzerStats stats() {
        return new AnalyzerStats(frames, framesWithMotion, framesDetected, framesSkipped, detectorRuns,
                detectorErrors, events);
    }

    public CameraId camera() {
        return camera;
    }

    /** Ends the open events at the last frame's time, frees the kept frames, closes the detectors. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (lastTime != null) {
                for (RuleTransition step : rules.close(lastTime)) {
                    AnalyticsEvent event = EventSnapshots.withKeptSnapshot(step.event(), bestFrames, config.snapshot());
                    sink.accept(event);
                    events++;
                }
            }
        } finally {
            bestFrames.close();
            motion.close();
            if (tamper != null) {
                tamper.close();
            }
            for (ObjectDetector d : detectors) {
                d.close();
            }
        }
    }
}
