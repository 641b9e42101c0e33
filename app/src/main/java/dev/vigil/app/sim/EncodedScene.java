package dev.vigil.app.sim;

import dev.vigil.ingest.sim.SimulatedStream;
import java.util.List;
import java.util.Objects;

/**
 * A synthetic scene encoded once, ready to be looped by a simulated camera.
 *
 * @param width picture width in pixels
 * @param height picture height in pixels
 * @param fps frames per second
 * @param sps the sequence parameter set (also in-band before every IDR picture)
 * @param pps the picture parameter set (also in-band before every IDR picture)
 * @param frames the pictures in decoding order; the first is a key frame
 * @param encodeNanos wall time the encoding took
 */
public record EncodedScene(int width, int height, int fps, byte[] sps, byte[] pps, List<EncodedFrame> frames,
        long encodeNanos) {
    public EncodedScene {
        Objects.requireNonNull(sps, "sps");
        Objects.requireNonNull(pps, "pps");
        frames = List.copyOf(frames);
        if (frames.isEmpty() || !frames.get(0).keyframe()) {
            throw new IllegalArgumentException("a scene needs frames and must start with a key frame");
        }
    }

    /** The scene as the ingest module's simulated camera server takes it (no FFmpeg types). */
    public SimulatedStream toSimulatedStream() {
        List<byte[][]> nals = frames.stream().map(f -> f.nalUnits().toArray(new byte[0][])).toList();
        return new SimulatedStream(sps, pps, fps, nals);
    }

    /** Number of key frames. */
    public long keyframes() {
        return frames.stream().filter(EncodedFrame::keyframe).count();
    }

    /** Total encoded bytes, start codes excluded. */
    public long payloadBytes() {
        return frames.stream().mapToLong(EncodedFrame::payloadBytes).sum();
    }
}
