package dev.vigil.analytics.decode;

import java.time.Instant;

/**
 * The wall-clock times of the last access units sent to a decoder, by presentation time, so that
 * a picture that comes out later (decoder delay, reordering) gets its own unit's time back.
 * A picture whose unit is no longer remembered gets the newest unit's time moved by the
 * presentation-time difference. Not thread-safe: confined to one decoder.
 */
final class WallClocks {
    private final long[] pts;
    private final Instant[] wall;
    private int next;
    private int size;

    WallClocks(int capacity) {
        pts = new long[capacity];
        wall = new Instant[capacity];
    }

    void put(long pts90k, Instant wallClock) {
        pts[next] = pts90k;
        wall[next] = wallClock;
        next = (next + 1) % pts.length;
        size = Math.min(size + 1, pts.length);
    }

    /** The wall-clock time of the unit at {@code pts90k}, or {@code null} if none was put. */
    Instant find(long pts90k) {
        if (size == 0) {
            return null;
        }
        for (int i = 1; i <= size; i++) {
            int at = Math.floorMod(next - i, pts.length);
            if (pts[at] == pts90k) {
                return wall[at];
            }
        }
        int newest = Math.floorMod(next - 1, pts.length);
        return wall[newest].plusNanos((pts90k - pts[newest]) * 100_000 / 9);
    }

    void clear() {
        size = 0;
        next = 0;
        java.util.Arrays.fill(wall, null);
    }
}
