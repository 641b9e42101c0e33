package dev.vigil.ingest.supervisor;

import dev.vigil.core.model.AccessUnit;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one camera's ingest has counted since start. Written on the camera's event loop only;
 * every field is readable from any thread (for {@link CameraHealth}).
 */
final class CameraCounters {
    private final RateMeter rate = new RateMeter();
    private final ConcurrentHashMap<String, LongAdder> limitViolations = new ConcurrentHashMap<>();
    private volatile Instant lastFrameTime;
    private volatile long accessUnits;
    private volatile long keyframes;
    private volatile long bytes;
    private volatile long packetsLost;
    private volatile long badPackets;
    private volatile long reconnects;
    private volatile String server;

    void accessUnit(AccessUnit unit, Instant now, long nowMillis) {
        accessUnits++;
        if (unit.keyframe()) {
            keyframes++;
        }
        lastFrameTime = now;
        rate.record(nowMillis, unit.payloadBytes());
    }

    void rtpBytes(int size) {
        bytes += size;
    }

    void packetsLost(long count) {
        packetsLost += count;
    }

    void badPacket() {
        badPackets++;
    }

    void reconnect() {
        reconnects++;
    }

    void limitExceeded(String limit) {
        limitViolations.computeIfAbsent(limit, k -> new LongAdder()).increment();
    }

    void server(String value) {
        server = value;
    }

    Instant lastFrameTime() {
        return lastFrameTime;
    }

    long accessUnits() {
        return accessUnits;
    }

    long keyframes() {
        return keyframes;
    }

    long bytes() {
        return bytes;
    }

    long packetsLost() {
        return packetsLost;
    }

    long badPackets() {
        return badPackets;
    }

    long reconnects() {
        return reconnects;
    }

    String server() {
        return server;
    }

    double fps(long nowMillis) {
        return rate.fps(nowMillis);
    }

    double bitsPerSecond(long nowMillis) {
        return rate.bitsPerSecond(nowMillis);
    }

    /** Times each limit was exceeded, by name, sorted. */
    Map<String, Long> limitCounts() {
        Map<String, Long> out = new TreeMap<>();
        limitViolations.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
