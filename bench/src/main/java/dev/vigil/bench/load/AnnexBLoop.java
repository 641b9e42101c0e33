package dev.vigil.bench.load;

import dev.vigil.ingest.h264.AnnexB;
import dev.vigil.ingest.h264.NalType;
import dev.vigil.ingest.sim.SimulatedStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an H.264 Annex B file written with access unit delimiters (x264's {@code aud=1}) into a
 * {@link SimulatedStream}: one picture per delimiter, SPS and PPS taken from the first IDR picture.
 */
final class AnnexBLoop {
    private AnnexBLoop() {}

    static SimulatedStream read(Path file, int fps) throws IOException {
        List<byte[]> nals = AnnexB.split(Files.readAllBytes(file));
        List<byte[][]> frames = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        byte[] sps = null;
        byte[] pps = null;
        for (byte[] nal : nals) {
            int type = NalType.of(nal[0]);
            if (type == NalType.AUD) {
                if (!current.isEmpty()) {
                    frames.add(current.toArray(byte[][]::new));
                    current = new ArrayList<>();
                }
                continue;
            }
            if (type == NalType.SPS && sps == null) {
                sps = nal;
            } else if (type == NalType.PPS && pps == null) {
                pps = nal;
            }
            current.add(nal);
        }
        if (!current.isEmpty()) {
            frames.add(current.toArray(byte[][]::new));
        }
        if (sps == null || pps == null) {
            throw new IOException(file + ": no SPS/PPS found");
        }
        return new SimulatedStream(sps, pps, fps, frames);
    }
}
