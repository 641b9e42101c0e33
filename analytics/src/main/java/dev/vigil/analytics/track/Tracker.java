package dev.vigil.analytics.track;

import dev.vigil.analytics.detect.Detection;
import dev.vigil.core.model.NormalizedBox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Follows detected objects from frame to frame of one camera and gives each a stable id.
 *
 * <p>Contract: one tracker per camera, called from one thread, with frames in wall-clock order.
 * {@link #update} takes the detections of one frame and the regions the detectors looked at on
 * it. A track that was not matched counts a miss only if its box overlaps a looked-at region:
 * with detection gated by motion, an object standing still is not looked for, so it is held, not
 * lost. A track ends after {@code maxMisses} misses in a row.
 *
 * <p>Implementation note: greedy assignment in the manner of SORT (Bewley et al., 2016) without
 * the Kalman filter. Candidate pairs of the same class are scored by IoU when it reaches
 * {@code minIou}; failing that, by centre distance within {@code maxCentroidShift} diagonals,
 * scored below any IoU match. Pairs are taken best first, each track and detection once. At 5
 * frames per second a walking person's boxes overlap from frame to frame, so greedy assignment
 * rarely differs from the Hungarian one; the centroid fallback catches faster objects.
 */
public final class Tracker {
    private final TrackerConfig config;
    private final List<State> tracks = new ArrayList<>();
    private long nextId = 1;

    public Tracker(TrackerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Matches {@code detections} to tracks.
     *
     * @param detections this frame's detections
     * @param examined the regions the detectors looked at on this frame; {@code null} for the whole frame
     * @param time the frame's wall clock
     * @return the live tracks after the update, tentative and confirmed, in id order
     */
    public List<Track> update(List<Detection> detections, List<NormalizedBox> examined, Instant time) {
        List<Pair> pairs = new ArrayList<>();
        for (int t = 0; t < tracks.size(); t++) {
            State track = tracks.get(t);
            for (int d = 0; d < detections.size(); d++) {
                Detection det = detections.get(d);
                if (det.label().equals(track.label)) {
                    double score = score(track.box, det.box());
                    if (score > 0) {
                        pairs.add(new Pair(t, d, score));
                    }
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::score).reversed());
        boolean[] trackTaken = new boolean[tracks.size()];
        boolean[] detTaken = new boolean[detections.size()];
        for (Pair p : pairs) {
            if (!trackTaken[p.track] && !detTaken[p.detection]) {
                trackTaken[p.track] = true;
                detTaken[p.detection] = true;
                tracks.get(p.track).hit(detections.get(p.detection), time, config.confirmHits());
            }
        }
        for (int t = 0; t < tracks.size(); t++) {
            State s = tracks.get(t);
            if (!trackTaken[t] && (lookedAt(s.box, examined) || s.shift > config.stationaryShift())) {
                s.misses++;
            }
        }
        for (Iterator<State> it = tracks.iterator(); it.hasNext(); ) {
            if (it.next().misses > config.maxMisses()) {
                it.remove();
            }
        }
        for (int d = 0; d < detections.size(); d++) {
            if (!detTaken[d]) {
                State s = new State(nextId++, detections.get(d), time);
                if (config.confirmHits() == 1) {
                    s.confirmed = true;
                }
                tracks.add(s);
            }
        }
        List<Track> out = new ArrayList<>(tracks.size());
        for (State s : tracks) {
            out.add(s.snapshot());
        }
        return out;
    }

    /** The live tracks, as after the latest update. */
    public List<Track> tracks() {
        List<Track> out = new ArrayList<>(tracks.size());
        for (State s : tracks) {
            out.add(s.snapshot());
        }
        return out;
    }

    /** The match score of a detection box for a track box: IoU, or a centroid score below {@code minIou}; 0 for none. */
    double score(NormalizedBox trackBox, NormalizedBox detBox) {
        double iou = trackBox.iou(detBox);
        if (iou >= config.minIou()) {
            return iou;
        }
        if (config.maxCentroidShift() == 0) {
            return 0;
        }
        double diagonal = Math.hypot(trackBox.width(), trackBox.height());
        double distance = Math.hypot(trackBox.centerX() - detBox.centerX(), trackBox.centerY() - detBox.centerY());
        double limit = config.maxCentroidShift() * diagonal;
        if (diagonal == 0 || distance > limit) {
            return 0;
        }
        // In (0, minIou): any IoU match wins over any centroid match.
        return config.minIou() * (1 - distance / limit) * 0.999 + 1e-9;
    }

    private static boolean lookedAt(NormalizedBox box, List<NormalizedBox> examined) {
        if (examined == null) {
            return true;
        }
        for (NormalizedBox region : examined) {
            // Most of the box inside a looked-at region: the detector had a fair chance to see it.
            if (region.intersectionArea(box) >= 0.5 * box.area()) {
                return true;
            }
        }
        return false;
    }

    private record Pair(int track, int detection, double score) { }

    /** The mutable state of one track; confined to the tracker. */
    private static final class State {
        final long id;
        final String label;
        final Instant firstSeen;
        NormalizedBox box;
        double confidence;
        double bestConfidence;
        int hits = 1;
        int misses;
        /** Centre displacement per hit in box diagonals, smoothed; unknown (infinite) until the second hit. */
        double shift = Double.POSITIVE_INFINITY;
        boolean confirmed;
        Instant lastSeen;

        State(long id, Detection d, Instant time) {
            this.id = id;
            this.label = d.label();
            this.box = d.box();
            this.confidence = d.confidence();
            this.bestConfidence = d.confidence();
            this.firstSeen = time;
            this.lastSeen = time;
        }

        void hit(Detection d, Instant time, int confirmHits) {
            double diagonal = Math.max(1e-9, Math.hypot(box.width(), box.height()));
            double moved = Math.hypot(d.box().centerX() - box.centerX(), d.box().centerY() - box.centerY()) / diagonal;
            shift = Double.isInfinite(shift) ? moved : 0.5 * shift + 0.5 * moved;
            box = d.box();
            confidence = d.confidence();
            bestConfidence = Math.max(bestConfidence, confidence);
            hits++;
            misses = 0;
            lastSeen = time;
            if (hits >= confirmHits) {
                confirmed = true;
            }
        }

        Track snapshot() {
            return new Track(id, label, box, confidence, bestConfidence,
                    confirmed ? TrackState.CONFIRMED : TrackState.TENTATIVE, hits, misses, firstSeen, lastSeen);
        }
    }
}
