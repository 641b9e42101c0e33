package dev.vigil.analytics.track;

import dev.vigil.analytics.rules.NormalizedPoint;
import dev.vigil.core.model.NormalizedBox;
import java.time.Instant;

/**
 * A snapshot of one tracked object after a tracker update.
 *
 * @param id stable for the object's life on this camera, never reused (starts at 1)
 * @param label the object class
 * @param box the latest box (the matched detection's, or the last one while it is not seen)
 * @param confidence the latest matched detection's confidence
 * @param bestConfidence the highest confidence over the track's life
 * @param state tentative or confirmed
 * @param hits frames it was matched on
 * @param misses frames in a row it was looked for and not found (0 when matched on this update)
 * @param firstSeen wall clock of its first detection
 * @param lastSeen wall clock of its latest match
 */
public record Track(long id, String label, NormalizedBox box, double confidence, double bestConfidence,
        TrackState state, int hits, int misses, Instant firstSeen, Instant lastSeen) {

    public boolean confirmed() {
        return state == TrackState.CONFIRMED;
    }

    /** The point rules test: the middle of the box's bottom edge ({@link NormalizedPoint#anchorOf}). */
    public NormalizedPoint anchor() {
        return NormalizedPoint.anchorOf(box);
    }
}
