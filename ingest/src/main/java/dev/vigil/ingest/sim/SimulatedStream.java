package dev.vigil.ingest.sim;

import dev.vigil.ingest.h264.AnnexB;
import dev.vigil.ingest.h264.NalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An encoded H.264 loop that a {@link SimulatedCameraServer} serves: plain bytes, so the ingest
 * module needs no encoder.
 *
 * @param sps the sequence parameter set, without start code (for the SDP)
 * @param pps the picture parameter set, without start code (for the SDP)
 * @param fps frames per second, 1 to 120
 * @param frames one array of NAL units (without start codes) per picture, in decoding order; the
 *     first picture must contain an IDR slice so the loop can restart cleanly. The arrays are
 *     shared, never mutated.
 */
public record SimulatedStream(byte[] sps, byte[] pps, int fps, List<byte[][]> frames) {
    public SimulatedStream {
        Objects.requireNonNull(sps, "sps");
        Objects.requireNonNull(pps, "pps");
        if (sps.length < 4 || NalType.of(sps[0]) != NalType.SPS) {
            throw new IllegalArgumentException("sps is not an SPS NAL unit (" + sps.length + " bytes)");
        }
        if (pps.length < 1 || NalType.of(pps[0]) != NalType.PPS) {
            throw new IllegalArgumentException("pps is not a PPS NAL unit (" + pps.length + " bytes)");
        }
        if (fps < 1 || fps > 120) {
            throw new IllegalArgumentException("fps must be in [1, 120], was " + fps);
        }
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a simulated stream needs at least one frame");
        }
        for (int i = 0; i < frames.size(); i++) {
            byte[][] nals = frames.get(i);
            if (nals.length == 0) {
                throw new IllegalArgumentException("frame " + i + " has no NAL units");
            }
            for (byte[] nal : nals) {
                if (nal.length == 0 || AnnexB.startsWithStartCode(nal, 0, nal.length)) {
                    throw new IllegalArgumentException("frame " + i + ": NAL units must be non-empty and"
                            + " carry no start code");
                }
            }
        }
        if (!isKeyframe(frames.get(0))) {
            throw new IllegalArgumentException("the first frame must contain an IDR slice");
        }
    }

    /** Whether a picture's NAL units contain an IDR slice. */
    public static boolean isKeyframe(byte[][] nals) {
        for (byte[] nal : nals) {
            if (NalType.of(nal[0]) == NalType.IDR_SLICE) {
                return true;
            }
        }
        return false;
    }

    /** The frames as lists, for comparisons in tests. */
    public List<List<byte[]>> frameList() {
        List<List<byte[]>> out = new ArrayList<>(frames.size());
        for (byte[][] f : frames) {
            out.add(List.of(f));
        }
        return out;
    }

    /** The loop length on the 90 kHz clock. */
    public long loopDuration90k() {
        return (long) frames.size() * 90_000 / fps;
    }
}
