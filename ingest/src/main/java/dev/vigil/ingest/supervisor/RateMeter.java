package dev.vigil.ingest.supervisor;

/**
 * Frames and bits per second over the last full window of about one second. Thread-safe; cheap
 * enough to call for every access unit.
 */
final class RateMeter {
    private static final long WINDOW_MS = 1000;

    private long windowStart = -1;
    private long count;
    private long bytes;
    private double fps;
    private double bps;

    synchronized void record(long nowMillis, int payloadBytes) {
        roll(nowMillis);
        count++;
        bytes += payloadBytes;
    }

    synchronized double fps(long nowMillis) {
        roll(nowMillis);
        return fps;
    }

    synchronized double bitsPerSecond(long nowMillis) {
        roll(nowMillis);
        return bps;
    }

    private void roll(long now) {
        if (windowStart < 0) {
            windowStart = now;
            return;
        }
        long elapsed = now - windowStart;
        if (elapsed < WINDOW_MS) {
            return;
        }
        if (elapsed >= 2 * WINDOW_MS) {
            // A whole window went by since the last roll: the last full second held nothing.
            fps = 0;
            bps = 0;
        } else {
            fps = count * 1000.0 / elapsed;
            bps = bytes * 8000.0 / elapsed;
        }
        windowStart = now;
        count = 0;
        bytes = 0;
    }
}
