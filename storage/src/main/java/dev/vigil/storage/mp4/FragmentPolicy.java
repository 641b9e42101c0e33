package dev.vigil.storage.mp4;

import dev.vigil.core.error.VigilException;
import java.time.Duration;
import java.util.Objects;

/**
 * Where {@link Fmp4SegmentWriter} ends one fragment and starts the next. Before each access unit
 * the writer measures {@code elapsed}, the presentation time from the fragment's first sample to
 * the incoming unit, and cuts the fragment when the first of these holds:
 * <ol>
 *   <li>the unit is a key frame and {@code elapsed >= targetDuration / 2}: fragments start at key
 *       frames where that costs at most halving a fragment, so players can seek by fragment;
 *   <li>{@code elapsed >= targetDuration + keyframeWait}: a fragment never runs much past the
 *       target waiting for a key frame (so a 2 s GOP with a 1 s target gives 1 s fragments, every
 *       other one starting with a key frame);
 *   <li>the fragment's sample bytes plus the unit's would exceed {@code maxFragmentBytes}: this
 *       bounds the memory the writer holds, since a fragment is buffered (by reference) until its
 *       {@code moof} can be written. A single unit larger than the limit still makes a fragment.
 * </ol>
 *
 * @param targetDuration about how long a fragment is, 10 ms to 60 s; default 1 s
 * @param keyframeWait how long past the target to wait for a key frame, 0 to 60 s; default 0
 * @param maxFragmentBytes 64 KiB to 256 MiB; default 16 MiB
 */
public record FragmentPolicy(Duration targetDuration, Duration keyframeWait, int maxFragmentBytes) {
    private static final Duration MAX_DURATION = Duration.ofSeconds(60);

    /** 1 s fragments, no extra wait for key frames, at most 16 MiB per fragment. */
    public static final FragmentPolicy DEFAULT = new FragmentPolicy(Duration.ofSeconds(1), Duration.ZERO, 16 << 20);

    public FragmentPolicy {
        Objects.requireNonNull(targetDuration, "targetDuration");
        Objects.requireNonNull(keyframeWait, "keyframeWait");
        if (targetDuration.compareTo(Duration.ofMillis(10)) < 0 || targetDuration.compareTo(MAX_DURATION) > 0) {
            throw VigilException.invalid("fragment targetDuration must be 10 ms to 60 s, was " + targetDuration);
        }
        if (keyframeWait.isNegative() || keyframeWait.compareTo(MAX_DURATION) > 0) {
            throw VigilException.invalid("fragment keyframeWait must be 0 to 60 s, was " + keyframeWait);
        }
        if (maxFragmentBytes < (64 << 10) || maxFragmentBytes > (256 << 20)) {
            throw VigilException.invalid("maxFragmentBytes must be 64 KiB to 256 MiB, was " + maxFragmentBytes);
        }
    }

    /** The default policy with another target duration. */
    public static FragmentPolicy ofTarget(Duration targetDuration) {
        return new FragmentPolicy(targetDuration, Duration.ZERO, DEFAULT.maxFragmentBytes);
    }

    /** Whether a fragment that has run {@code elapsed90k} ticks and holds {@code bufferedBytes} ends before this unit. */
    boolean cutsBefore(long elapsed90k, boolean keyframe, long bufferedBytes, long unitBytes) {
        long target = ticks(targetDuration);
        return (keyframe && elapsed90k >= target / 2)
                || elapsed90k >= target + ticks(keyframeWait)
                || bufferedBytes + unitBytes > maxFragmentBytes;
    }

    private static long ticks(Duration d) {
        return d.toNanos() * Fmp4InitSegment.TIMESCALE / 1_000_000_000L;
    }
}
