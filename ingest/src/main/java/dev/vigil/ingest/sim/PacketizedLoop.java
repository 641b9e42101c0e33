package dev.vigil.ingest.sim;

import dev.vigil.core.model.Codec;
import dev.vigil.ingest.h264.H264Packetizer;
import dev.vigil.ingest.h265.H265Packetizer;
import dev.vigil.ingest.rtp.NalPacketizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SimulatedStream} cut into RTP payloads once, so that serving it costs only the 12-byte
 * RTP header per packet and session. Immutable.
 */
final class PacketizedLoop {
    /** The payloads of one frame, in order; the last one carries the marker bit. */
    record Frame(List<byte[]> payloads, boolean keyframe, int wireBytes) { }

    private final List<Frame> frames;
    private final int fps;

    PacketizedLoop(SimulatedStream stream, int maxPayload) {
        NalPacketizer packetizer = stream.codec() == Codec.H264 ? new H264Packetizer(maxPayload)
                : new H265Packetizer(maxPayload);
        List<Frame> out = new ArrayList<>(stream.frames().size());
        for (byte[][] nals : stream.frames()) {
            List<byte[]> payloads = packetizer.packetize(nals);
            int wire = 0;
            for (byte[] p : payloads) {
                wire += 4 + 12 + p.length; // $ header, RTP header, payload
            }
            out.add(new Frame(List.copyOf(payloads), SimulatedStream.isKeyframe(stream.codec(), nals), wire));
        }
        this.frames = List.copyOf(out);
        this.fps = stream.fps();
    }

    Frame frame(long index) {
        return frames.get((int) (index % frames.size()));
    }

    int fps() {
        return fps;
    }

    /** The RTP timestamp offset of the {@code index}-th frame sent (exact: no drift across loops). */
    long timestampOffset(long index) {
        return index * 90_000L / fps;
    }
}
