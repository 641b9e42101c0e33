package dev.vigil.ingest.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.IngestConfig;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.Transport;
import dev.vigil.ingest.h265.H265AccessUnitSplitter;
import dev.vigil.ingest.h265.H265NalType;
import dev.vigil.ingest.supervisor.Gateway;
import dev.vigil.ingest.supervisor.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated camera serving real H.265 (the vtest footage's own bytes, RFC 7798 payloads) and
 * the gateway receiving every picture byte for byte.
 */
class SimulatedH265IT {
    @Test
    void servesRealH265FrameForFrame(@TempDir Path dir) throws Exception {
        Path footage = Path.of(System.getProperty("vigil.shared.dir", "../../shared"), "media", "vtest-h265.mp4");
        assumeTrue(Files.exists(footage), footage + " is missing (../shared/media)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffmpeg")), "Debian's ffmpeg is missing (apt-get install ffmpeg)");
        Path annexB = dir.resolve("vtest.hevc");
        Process ff = new ProcessBuilder("/usr/bin/ffmpeg", "-v", "error", "-i", footage.toString(), "-frames:v", "60",
                "-c", "copy", "-bsf:v", "hevc_mp4toannexb", "-f", "hevc", annexB.toString()).redirectErrorStream(true).start();
        ff.getInputStream().readAllBytes();
        assertTrue(ff.waitFor(60, TimeUnit.SECONDS) && ff.exitValue() == 0, "ffmpeg extracted the Annex B");

        List<byte[][]> frames = new ArrayList<>();
        byte[] vps = null;
        byte[] sps = null;
        byte[] pps = null;
        for (List<byte[]> unit : H265AccessUnitSplitter.split(Files.readAllBytes(annexB))) {
            for (byte[] nal : unit) {
                int type = H265NalType.of(nal[0]);
                vps = type == H265NalType.VPS && vps == null ? nal : vps;
                sps = type == H265NalType.SPS && sps == null ? nal : sps;
                pps = type == H265NalType.PPS && pps == null ? nal : pps;
            }
            frames.add(unit.toArray(byte[][]::new));
        }
        assertEquals(60, frames.size());
        SimulatedStream stream = SimulatedStream.h265(vps, sps, pps, 10, frames);

        try (SimulatedCameraServer server = SimulatedCameraServer.start(stream, 1, "127.0.0.1", 0)) {
            CameraConfig camera = new CameraConfig("h265", "lab", null, null, server.urls().get(0), null, Transport.TCP,
                    null, null, null, null, true);
            try (Gateway gateway = Gateway.start(List.of(camera), new IngestConfig(2000, 3000, 3000, 2000), Map.of(),
                    Clock.systemUTC(), 1);
                    Subscription units = gateway.subscribe(CameraId.of("h265"), 1000)) {
                List<AccessUnit> received = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (received.size() < 40 && System.nanoTime() < deadline) {
                    AccessUnit u = units.poll(Duration.ofMillis(100));
                    if (u != null) {
                        received.add(u);
                    }
                }
                assertTrue(received.size() >= 40, "received " + received.size());
                int offset = -1;
                for (int i = 0; i < frames.size() && offset < 0; i++) {
                    if (java.util.Arrays.equals(frames.get(i)[frames.get(i).length - 1],
                            received.get(0).nalUnits().get(received.get(0).nalUnits().size() - 1))) {
                        offset = i;
                    }
                }
                assertTrue(offset >= 0, "the first received unit is one of the served pictures");
                for (int k = 0; k < received.size(); k++) {
                    AccessUnit u = received.get(k);
                    byte[][] served = frames.get((offset + k) % frames.size());
                    assertEquals(Codec.H265, u.codec());
                    assertEquals(served.length, u.nalUnits().size(), "NAL count of unit " + k);
                    for (int n = 0; n < served.length; n++) {
                        assertArrayEquals(served[n], u.nalUnits().get(n), "unit " + k + " NAL " + n);
                    }
                    assertEquals(SimulatedStream.isKeyframe(Codec.H265, served), u.keyframe(), "key frame flag of unit " + k);
                }
                assertArrayEquals(vps, received.get(0).parameterSets().vps(), "VPS from the SDP's sprop-vps");
                assertEquals(0, gateway.health(CameraId.of("h265")).packetsLost());
            }
        }
    }
}
