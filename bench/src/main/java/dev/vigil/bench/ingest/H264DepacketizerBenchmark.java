package dev.vigil.bench.ingest;

import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.ingest.rtp.VideoDepacketizer;
import dev.vigil.ingest.rtp.RtpPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * RTP parsing plus H.264 depacketization of a real session: Wowza's BigBuckBunny as captured by
 * Retina ({@code ../shared/captures/retina/bunny.rtsp}, video on interleaved channel 2). One
 * operation is the whole capture; the score divided by {@link #packets} is the cost per packet.
 * Run with {@code -prof gc} for bytes allocated per packet.
 *
 * <p>The capture is found at {@code -Dvigil.shared.dir=DIR} (default {@code ../shared}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class H264DepacketizerBenchmark {
    private static final CameraId CAMERA = CameraId.of("bench");
    private static final Instant ARRIVAL = Instant.parse("2026-01-01T00:00:00Z");

    private List<byte[]> videoPackets;
    /** Video RTP packets in the capture. */
    public int packets;

    @Setup
    public void load() throws IOException {
        Path file = Path.of(System.getProperty("vigil.shared.dir", "../shared"), "captures", "retina", "bunny.rtsp");
        if (!Files.exists(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " is missing: pass -Dvigil.shared.dir=PATH/TO/shared");
        }
        byte[] capture = Files.readAllBytes(file);
        videoPackets = new ArrayList<>();
        for (int pos = 0; pos + 4 <= capture.length; ) {
            if (capture[pos] != '$') {
                throw new IllegalStateException("not an interleaved frame at offset " + pos);
            }
            int channel = capture[pos + 1];
            int len = ((capture[pos + 2] & 0xff) << 8) | (capture[pos + 3] & 0xff);
            if (channel == 2) {
                byte[] packet = new byte[len];
                System.arraycopy(capture, pos + 4, packet, 0, len);
                videoPackets.add(packet);
            }
            pos += 4 + len;
        }
        packets = videoPackets.size();
        System.out.println("bunny.rtsp: " + packets + " video RTP packets");
    }

    @Benchmark
    public int depacketizeCapture(Blackhole bh) {
        VideoDepacketizer depacketizer = new VideoDepacketizer(CAMERA, dev.vigil.core.model.Codec.H264, VideoDepacketizer.Limits.defaults());
        int units = 0;
        for (byte[] packet : videoPackets) {
            ByteBuf buf = Unpooled.wrappedBuffer(packet);
            depacketizer.push(RtpPacket.parse(buf), ARRIVAL);
            for (AccessUnit u = depacketizer.pull(); u != null; u = depacketizer.pull()) {
                bh.consume(u);
                units++;
            }
        }
        return units;
    }
}
