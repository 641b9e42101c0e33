package dev.vigil.storage.record;

import dev.vigil.core.model.AccessUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last few seconds of one camera, so that an event clip can start before the event. GOP
 * aligned: it always starts at a key frame, the latest one that still leaves at least
 * {@code preRoll} before the newest picture. A discontinuity or new parameter sets empty it (a
 * clip never spans a jump) and it waits for the next key frame.
 *
 * <p>Memory: units are held by reference (the gateway shares them with the recorder); the sum of
 * their payload is bounded by {@code maxBytes}, past which whole GOPs are dropped from the front.
 * Not thread-safe: the camera's recording thread owns it.
 */
public final class PreRollRing {
    private final long preRoll90k;
    private final long maxBytes;
    private final ArrayDeque<AccessUnit> units = new ArrayDeque<>();
    /** The key frames among {@link #units}, in order. */
    private final ArrayDeque<AccessUnit> keys = new ArrayDeque<>();
    private long bytes;

    /**
     * @param preRollMillis how much history to keep, at least
     * @param maxBytes payload bytes at most
     */
    public PreRollRing(long preRollMillis, long maxBytes) {
        if (preRollMillis < 0 || maxBytes < 1) {
            throw new IllegalArgumentException("pre-roll " + preRollMillis + " ms, cap " + maxBytes + " bytes");
        }
        this.preRoll90k = preRollMillis * 90;
        this.maxBytes = maxBytes;
    }

    public void add(AccessUnit unit) {
        AccessUnit last = units.peekLast();
        if (last != null && (unit.discontinuity() || unit.pts90k() <= last.pts90k()
                || (unit.parameterSets() != null && !unit.parameterSets().equals(last.parameterSets())))) {
            clear();
        }
        if (units.isEmpty() && !(unit.keyframe() && unit.parameterSets() != null)) {
            return;
        }
        units.addLast(unit);
        if (unit.keyframe()) {
            keys.addLast(unit);
        }
        bytes += unit.payloadBytes();
        trim(unit.pts90k());
    }

    /** The units from the latest key frame at or before {@code pts90k} (or the oldest held) on. */
    public List<AccessUnit> since(long pts90k) {
        List<AccessUnit> all = new ArrayList<>(units);
        int start = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).keyframe() && all.get(i).pts90k() <= pts90k) {
                start = i;
            }
        }
        return all.subList(start, all.size());
    }

    public boolean isEmpty() {
        return units.isEmpty();
    }

    public long bytes() {
        return bytes;
    }

    public void clear() {
        units.clear();
        keys.clear();
        bytes = 0;
    }

    private void trim(long newestPts) {
        while (true) {
            AccessUnit nextKey = secondKeyframe();
            boolean enoughWithout = nextKey != null && newestPts - nextKey.pts90k() >= preRoll90k;
            if (!enoughWithout && !(bytes > maxBytes && nextKey != null)) {
                break;
            }
            dropBefore(nextKey);
        }
        if (bytes > maxBytes && secondKeyframe() == null) {
            clear(); // one GOP bigger than the cap: start again at the next key frame
        }
    }

    private AccessUnit secondKeyframe() {
        if (keys.size() < 2) {
            return null;
        }
        var it = keys.iterator();
        it.next();
        return it.next();
    }

    private void dropBefore(AccessUnit key) {
        while (units.peekFirst() != key) {
            bytes -= units.removeFirst().payloadBytes();
        }
        keys.removeFirst();
    }
}
