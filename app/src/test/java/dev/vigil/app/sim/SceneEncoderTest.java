package dev.vigil.app.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.codec.H264Sps;
import dev.vigil.core.error.VigilException;
import dev.vigil.ingest.h264.NalType;
import org.junit.jupiter.api.Test;

class SceneEncoderTest {

    @Test
    void encodesTheWholeSceneWithAKeyFrameEveryGop() {
        EncodedScene scene = new SceneEncoder(320, 180, 10, 4, 2, 300).encode();
        System.out.printf("encoded %d frames, %d bytes in %.1f ms%n", scene.frames().size(), scene.payloadBytes(),
                scene.encodeNanos() / 1e6);
        assertEquals(40, scene.frames().size());
        assertEquals(2, scene.keyframes());
        assertTrue(scene.frames().get(0).keyframe());
        assertTrue(scene.frames().get(20).keyframe());
        for (int i = 0; i < scene.frames().size(); i++) {
            EncodedFrame f = scene.frames().get(i);
            assertEquals(i, f.pts(), "decoding order is presentation order (no B-frames)");
            boolean hasSps = f.nalUnits().stream().anyMatch(n -> NalType.of(n[0]) == NalType.SPS);
            assertEquals(f.keyframe(), hasSps, "SPS in-band exactly before IDR pictures, frame " + i);
        }
        assertEquals(NalType.SPS, NalType.of(scene.sps()[0]));
        assertEquals(NalType.PPS, NalType.of(scene.pps()[0]));
        H264Sps sps = H264Sps.parse(scene.sps());
        assertEquals(320, sps.width());
        assertEquals(180, sps.height());
        assertEquals(40, scene.toSimulatedStream().frames().size());
    }

    @Test
    void rejectsOddSizes() {
        assertThrows(VigilException.class, () -> new SceneEncoder(321, 180, 10, 4, 2, 300));
        assertThrows(VigilException.class, () -> new SceneEncoder(320, 180, 10, 4, 5, 300));
    }
}
