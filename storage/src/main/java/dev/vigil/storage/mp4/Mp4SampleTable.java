package dev.vigil.storage.mp4;

import dev.vigil.core.error.VigilException;
import java.util.Arrays;

/**
 * The samples of one video track as a plain (non-fragmented) MP4's sample table lists them: each
 * sample's size, duration (90 kHz ticks) and sync flag, grouped into chunks, each chunk a run of
 * samples stored back to back at an offset into the {@code mdat} payload. Filled in decoding
 * order by {@link #startChunk} and {@link #add}; written by {@link ProgressiveMp4Header}. Not
 * thread-safe.
 */
public final class Mp4SampleTable {
    private int samples;
    private int[] sizes = new int[256];
    private int[] durations = new int[256];
    private boolean[] sync = new boolean[256];
    private int chunks;
    private long[] chunkOffsets = new long[16];
    private int[] chunkFirstSample = new int[16];
    private long payloadBytes;
    private long duration90k;

    /**
     * Starts a chunk at {@code payloadOffset}, which must be where the previous chunk ends or later
     * (0 for the first). A chunk left empty is dropped.
     */
    public void startChunk(long payloadOffset) {
        if (payloadOffset < payloadBytes) {
            throw new IllegalArgumentException("chunk at payload offset " + payloadOffset + " overlaps the previous,"
                    + " which ends at " + payloadBytes);
        }
        if (chunks > 0 && chunkFirstSample[chunks - 1] == samples) {
            chunks--; // the previous chunk got no sample: this one replaces it
        }
        if (chunks == chunkOffsets.length) {
            chunkOffsets = Arrays.copyOf(chunkOffsets, chunks * 2);
            chunkFirstSample = Arrays.copyOf(chunkFirstSample, chunks * 2);
        }
        chunkOffsets[chunks] = payloadOffset;
        chunkFirstSample[chunks] = samples;
        chunks++;
        payloadBytes = payloadOffset;
    }

    /**
     * Adds a sample to the current chunk, after the previous one.
     *
     * @param size bytes, at least 1
     * @param duration90k ticks until the next sample, 1 to 2^32 - 1
     */
    public void add(int size, long duration90k, boolean keyframe) {
        if (chunks == 0) {
            throw new IllegalStateException("startChunk first");
        }
        if (size < 1 || duration90k < 1 || duration90k > 0xFFFF_FFFFL) {
            throw VigilException.invalid("sample of " + size + " bytes lasting " + duration90k + " ticks");
        }
        if (samples == sizes.length) {
            sizes = Arrays.copyOf(sizes, samples * 2);
            durations = Arrays.copyOf(durations, samples * 2);
            sync = Arrays.copyOf(sync, samples * 2);
        }
        sizes[samples] = size;
        durations[samples] = (int) duration90k;
        sync[samples] = keyframe;
        samples++;
        payloadBytes += size;
        this.duration90k += duration90k;
    }

    public int sampleCount() {
        return samples;
    }

    public int chunkCount() {
        return chunks;
    }

    /** Where the last chunk ends in the payload: the mdat payload's size. */
    public long payloadBytes() {
        return payloadBytes;
    }

    /** The sum of the durations. */
    public long duration90k() {
        return duration90k;
    }

    int size(int sample) {
        return sizes[sample];
    }

    long duration(int sample) {
        return durations[sample] & 0xFFFF_FFFFL;
    }

    boolean sync(int sample) {
        return sync[sample];
    }

    long chunkOffset(int chunk) {
        return chunkOffsets[chunk];
    }

    /** Samples in chunk {@code chunk}. */
    int chunkSamples(int chunk) {
        int end = chunk + 1 < chunks ? chunkFirstSample[chunk + 1] : samples;
        return end - chunkFirstSample[chunk];
    }
}
