package dev.vigil.ingest.rtp;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Puts UDP-delivered RTP packets back in sequence order (RFC 3550 section A.1 sequence
 * arithmetic, with wrap-around). A packet waits for the ones before it at most {@code maxDelayMs}
 * and the buffer holds at most {@code capacity} packets; past either, the gap is given up and the
 * depacketizer sees the loss. Duplicates and packets older than what was already released are
 * dropped and counted. Pure: time comes in as arguments.
 *
 * <p>Not thread-safe: one per track, on the session's event loop.
 */
public final class ReorderBuffer {
    private final int capacity;
    private final long maxDelayMs;
    /** Pending packets by extended sequence number, with their arrival time. */
    private final TreeMap<Long, Pending> pending = new TreeMap<>();
    private long nextExpected = -1;
    private long lastExtended = -1;
    private long dropped;
    private long reordered;

    private record Pending(RtpPacket packet, long arrivalMs) {}

    /**
     * @param capacity packets held at most, 1..1024
     * @param maxDelayMs how long a packet waits for a missing predecessor, 0..1000
     */
    public ReorderBuffer(int capacity, long maxDelayMs) {
        if (capacity < 1 || capacity > 1024) {
            throw new IllegalArgumentException("capacity must be in [1, 1024], was " + capacity);
        }
        if (maxDelayMs < 0 || maxDelayMs > 1000) {
            throw new IllegalArgumentException("maxDelayMs must be in [0, 1000], was " + maxDelayMs);
        }
        this.capacity = capacity;
        this.maxDelayMs = maxDelayMs;
    }

    /** Offers one packet; returns the packets now ready, in order (possibly none). */
    public List<RtpPacket> offer(RtpPacket packet, long nowMs) {
        long previousMax = lastExtended;
        long seq = extend(packet.sequence());
        List<RtpPacket> ready = new ArrayList<>(2);
        if (nextExpected >= 0 && seq < nextExpected) {
            dropped++; // late (its gap was already given up) or a duplicate
            return release(ready, nowMs);
        }
        if (pending.putIfAbsent(seq, new Pending(packet, nowMs)) != null) {
            dropped++;
            return release(ready, nowMs);
        }
        if (previousMax >= 0 && seq < previousMax) {
            reordered++;
        }
        if (nextExpected < 0) {
            nextExpected = seq;
        }
        return release(ready, nowMs);
    }

    /** Releases what waited too long, e.g. from a timer when no packet arrives. */
    public List<RtpPacket> poll(long nowMs) {
        return release(new ArrayList<>(2), nowMs);
    }

    private List<RtpPacket> release(List<RtpPacket> ready, long nowMs) {
        while (!pending.isEmpty()) {
            var first = pending.firstEntry();
            boolean inOrder = first.getKey() == nextExpected;
            boolean waitedTooLong = nowMs - first.getValue().arrivalMs() >= maxDelayMs;
            if (inOrder || waitedTooLong || pending.size() > capacity) {
                pending.pollFirstEntry();
                ready.add(first.getValue().packet());
                nextExpected = first.getKey() + 1;
            } else {
                break;
            }
        }
        return ready;
    }

    /** Extends a 16-bit sequence number to 64 bits, choosing the value nearest the last one seen. */
    private long extend(int seq16) {
        if (lastExtended < 0) {
            lastExtended = seq16 + (1L << 16); // leave room below for packets that come before the first
            return lastExtended;
        }
        long candidate = (lastExtended & ~0xffffL) | seq16;
        if (candidate - lastExtended > 0x8000) {
            candidate -= 0x10000;
        } else if (lastExtended - candidate > 0x8000) {
            candidate += 0x10000;
        }
        if (candidate > lastExtended) {
            lastExtended = candidate;
        }
        return candidate;
    }

    /** Packets dropped as duplicates or as too late. */
    public long dropped() {
        return dropped;
    }

    /** Packets that arrived out of order (and were put back in order or given up on). */
    public long reordered() {
        return reordered;
    }

    /** Packets waiting now. */
    public int size() {
        return pending.size();
    }
}
