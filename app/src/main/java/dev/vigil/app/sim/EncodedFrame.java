package dev.vigil.app.sim;

import java.util.List;
import java.util.Objects;

/**
 * One encoded picture of a synthetic scene.
 *
 * @param nalUnits NAL units without start codes, in decoding order; never mutated
 * @param keyframe whether the picture is an IDR picture
 * @param pts presentation time in frames since the start of the scene
 */
public record EncodedFrame(List<byte[]> nalUnits, boolean keyframe, long pts) {
    public EncodedFrame {
        Objects.requireNonNull(nalUnits, "nalUnits");
        nalUnits = List.copyOf(nalUnits);
        if (nalUnits.isEmpty()) {
            throw new IllegalArgumentException("an encoded frame needs at least one NAL unit, pts=" + pts);
        }
        if (pts < 0) {
            throw new IllegalArgumentException("pts must be >= 0, was " + pts);
        }
    }

    /** Total NAL unit bytes, start codes excluded. */
    public int payloadBytes() {
        int n = 0;
        for (byte[] nal : nalUnits) {
            n += nal.length;
        }
        return n;
    }
}
