package dev.vigil.analytics.decode;

import dev.vigil.core.model.AccessUnit;
import java.util.ArrayDeque;

/**
 * One camera's bounded queue of access units waiting for the decoder, with the policy for when it
 * is full: drop everything queued and everything that follows up to the next key frame, which is
 * queued flagged {@code discontinuity} so that the decoder restarts cleanly there. Dropping whole
 * GOP tails, never single units, keeps what is decoded decodable; resuming at the newest key frame
 * keeps analytics close to live. In key-frames-only mode other units are never queued.
 *
 * <p>Pure policy, not thread-safe: {@link CameraLane} guards it with its lock.
 */
final class LaneQueue {
    /**
     * The result of one offer.
     *
     * @param queued whether the offered unit was queued
     * @param dropped units dropped by this offer: queued ones thrown away, plus the offered one if
     *     it was not queued for lack of room or a key frame
     */
    record Admission(boolean queued, int dropped) {}

    static final Admission QUEUED = new Admission(true, 0);
    static final Admission SKIPPED = new Admission(false, 0);
    static final Admission DROPPED = new Admission(false, 1);

    private final ArrayDeque<AccessUnit> units;
    private final int capacity;
    private final boolean keyframesOnly;
    private boolean awaitingKeyframe;

    LaneQueue(int capacity, boolean keyframesOnly) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, was " + capacity);
        }
        this.units = new ArrayDeque<>(Math.min(capacity, 256));
        this.capacity = capacity;
        this.keyframesOnly = keyframesOnly;
    }

    Admission offer(AccessUnit unit) {
        if (keyframesOnly && !unit.keyframe()) {
            return SKIPPED;
        }
        if (awaitingKeyframe) {
            if (!unit.keyframe()) {
                return DROPPED;
            }
            awaitingKeyframe = false;
            unit = restart(unit);
        }
        if (units.size() >= capacity) {
            int dropped = units.size();
            units.clear();
            if (unit.keyframe()) {
                units.add(restart(unit));
                return new Admission(true, dropped);
            }
            awaitingKeyframe = true;
            return new Admission(false, dropped + 1);
        }
        units.add(unit);
        return QUEUED;
    }

    /** The oldest queued unit, or {@code null}. */
    AccessUnit poll() {
        return units.poll();
    }

    int size() {
        return units.size();
    }

    /** Drops everything queued; returns how many. */
    int clear() {
        int n = units.size();
        units.clear();
        return n;
    }

    private static AccessUnit restart(AccessUnit u) {
        return u.discontinuity() ? u : new AccessUnit(u.camera(), u.codec(), u.nalUnits(), u.pts90k(), u.wallClock(),
                u.keyframe(), u.parameterSets(), true);
    }
}
