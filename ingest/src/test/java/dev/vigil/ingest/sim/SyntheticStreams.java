package dev.vigil.ingest.sim;

import java.util.ArrayList;
import java.util.List;

/** Synthetic (not decodable) H.264-shaped loops for tests that need no encoder. */
public final class SyntheticStreams {
    private SyntheticStreams() {}

    /**
     * {@code frames} pictures at {@code fps}, an IDR (6000 bytes, so FU-A) with SPS and PPS (so
     * STAP-A) every {@code gop} frames, 700-byte P slices between; every picture's bytes differ.
     */
    public static SimulatedStream of(int frames, int fps, int gop) {
        byte[] sps = {0x67, 0x42, (byte) 0xc0, 0x1e, 1, 2};
        byte[] pps = {0x68, (byte) 0xce, 0x3c, (byte) 0x80};
        List<byte[][]> out = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            byte[] slice = new byte[i % gop == 0 ? 6000 : 700];
            slice[0] = (byte) (i % gop == 0 ? 0x65 : 0x41);
            for (int k = 1; k < slice.length; k++) {
                slice[k] = (byte) (k * 31 + i);
            }
            out.add(i % gop == 0 ? new byte[][] {sps, pps, slice} : new byte[][] {slice});
        }
        return new SimulatedStream(sps, pps, fps, out);
    }
}
