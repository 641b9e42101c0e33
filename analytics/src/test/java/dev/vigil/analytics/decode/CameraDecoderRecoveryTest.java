package dev.vigil.analytics.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.analytics.decode.CameraDecoder.Outcome;
import dev.vigil.analytics.decode.CameraDecoderTest.Counts;
import dev.vigil.analytics.frame.GreyFrame;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link CameraDecoder} survives bad input: corrupt units, discontinuities and parameter set
 * changes, on the shared real footage (key frames at units 0, 20, 40, ...).
 */
class CameraDecoderRecoveryTest {
    private static final CameraId CAM = CameraId.of("gate-3");

    @Test
    void flippedPFrameOfH264IsSkippedUntilTheNextKeyFrame() {
        assertSkippedUntilKeyFrame(SharedMedia.H264, 25, CameraDecoderRecoveryTest::flip);
    }

    @Test
    void truncatedPFrameIsSkippedUntilTheNextKeyFrame() {
        assertSkippedUntilKeyFrame(SharedMedia.H264, 25, CameraDecoderRecoveryTest::truncate);
        assertSkippedUntilKeyFrame(SharedMedia.H265, 25, CameraDecoderRecoveryTest::truncate);
    }

    @Test
    void flippedKeyFrameIsSkippedUntilTheNextKeyFrame() {
        assertSkippedUntilKeyFrame(SharedMedia.H264, 20, CameraDecoderRecoveryTest::flip);
        assertSkippedUntilKeyFrame(SharedMedia.H265, 20, CameraDecoderRecoveryTest::flip);
    }

    @Test
    void discontinuityWaitsForTheNextKeyFrame() {
        List<AccessUnit> units = new ArrayList<>(SharedMedia.units(SharedMedia.H264, CAM));
        AccessUnit u = units.get(33);
        units.set(33, new AccessUnit(CAM, u.codec(), u.nalUnits(), u.pts90k(), u.wallClock(), false,
                u.parameterSets(), true));
        Counts counts = new Counts();
        List<Outcome> outcomes = decodeAll(units, counts, new ArrayList<>());
        assertEquals(List.of(Outcome.DECODED), outcomes.subList(32, 33));
        assertTrue(outcomes.subList(33, 40).stream().allMatch(o -> o == Outcome.AWAITING_KEYFRAME), outcomes.toString());
        assertEquals(Outcome.DECODED, outcomes.get(40));
        assertEquals(units.size() - 7, counts.decoded.get());
        assertEquals(7, counts.dropped(DropReason.AWAITING_KEYFRAME));
    }

    @Test
    void switchFromH264ToH265MidStreamReopensTheDecoder() {
        List<AccessUnit> h264 = SharedMedia.units(SharedMedia.H264, CAM).subList(0, 100);
        List<AccessUnit> h265 = shift(SharedMedia.units(SharedMedia.H265, CAM), h264.get(99).pts90k() + 9000);
        List<AccessUnit> stream = new ArrayList<>(h264);
        stream.addAll(h265);
        Counts counts = new Counts();
        List<GreyFrame> frames = new ArrayList<>();
        List<Outcome> outcomes = decodeAll(stream, counts, frames);
        assertEquals(2, counts.opens.get(), "opened for H.264, reopened for H.265");
        assertEquals(stream.size(), counts.decoded.get());
        assertTrue(outcomes.stream().allMatch(o -> o == Outcome.DECODED), outcomes.toString());
        assertTrue(CameraDecoderTest.contrast(frames.get(150)) > 20, "H.265 pictures are real pictures");

        // Switching at a non-key H.265 unit: nothing is decoded until its first key frame.
        List<AccessUnit> late = new ArrayList<>(h264);
        late.addAll(h265.subList(5, h265.size()));
        Counts lateCounts = new Counts();
        List<Outcome> lateOutcomes = decodeAll(late, lateCounts, new ArrayList<>());
        assertEquals(2, lateCounts.opens.get());
        assertEquals(15, lateCounts.dropped(DropReason.AWAITING_KEYFRAME), "H.265 units 5-19");
        assertEquals(Outcome.DECODED, lateOutcomes.get(100 + 15));
        assertEquals(late.size() - 15, lateCounts.decoded.get());
    }

    @Test
    void resolutionChangeReopensTheDecoderAndScalesTheNewSize(@TempDir Path dir) throws Exception {
        Path small = dir.resolve("cif.mp4");
        Path ffmpeg = Path.of("/usr/bin/ffmpeg");
        assumeTrue(Files.isExecutable(ffmpeg), "skipped: " + ffmpeg + " is absent (apt-get install ffmpeg)");
        Process p = new ProcessBuilder(ffmpeg.toString(), "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=352x288:rate=10", "-t", "3", "-c:v", "libx264", "-g", "10", "-bf", "0",
                "-pix_fmt", "yuv420p", small.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        List<AccessUnit> stream = new ArrayList<>(SharedMedia.units(SharedMedia.H264, CAM).subList(0, 40));
        List<AccessUnit> cif = ContainerDemuxer.readAll(small, CAM);
        stream.addAll(shift(cif, stream.get(39).pts90k() + 9000));
        Counts counts = new Counts();
        List<GreyFrame> frames = new ArrayList<>();
        decodeAll(stream, counts, frames, new DecoderSettings(dev.vigil.core.model.AnalyticsMode.FULL, 60, 320));
        assertEquals(2, counts.opens.get());
        assertEquals(stream.size(), counts.decoded.get());
        assertEquals(768, frames.get(39).sourceWidth());
        assertEquals(240, frames.get(39).height());
        GreyFrame last = frames.get(frames.size() - 1);
        assertEquals(352, last.sourceWidth());
        assertEquals(288, last.sourceHeight());
        assertEquals(320, last.width());
        assertEquals(262, last.height()); // 288 * 320 / 352 = 261.8, rounded to even
    }

    private static void assertSkippedUntilKeyFrame(String file, int at, UnaryOperator<byte[]> damage) {
        List<AccessUnit> units = new ArrayList<>(SharedMedia.units(file, CAM).subList(0, 100));
        AccessUnit u = units.get(at);
        List<byte[]> nals = u.nalUnits().stream().map(n -> n.length > 100 ? damage.apply(n.clone()) : n).toList();
        units.set(at, new AccessUnit(CAM, u.codec(), nals, u.pts90k(), u.wallClock(), u.keyframe(), u.parameterSets(),
                false));
        Counts counts = new Counts();
        List<GreyFrame> frames = new ArrayList<>();
        List<Outcome> outcomes = decodeAll(units, counts, frames);
        String what = file + " damaged at " + at + ": " + outcomes.subList(at - 1, 42);
        assertEquals(Outcome.DECODED, outcomes.get(at - 1), what);
        assertEquals(Outcome.CORRUPT, outcomes.get(at), what);
        assertTrue(outcomes.subList(at + 1, 40).stream().allMatch(o -> o == Outcome.AWAITING_KEYFRAME), what);
        assertTrue(outcomes.subList(40, outcomes.size()).stream().allMatch(o -> o == Outcome.DECODED), what);
        assertEquals(1, counts.dropped(DropReason.CORRUPT), what);
        assertEquals(39 - at, counts.dropped(DropReason.AWAITING_KEYFRAME), what);
        assertEquals(units.size() - (40 - at), counts.decoded.get(), what);
        assertEquals(units.get(40).pts90k(), frames.get(at).pts90k(), what + ": delivery resumes at the key frame");
    }

    /** XORs 16 bytes a third of the way into the NAL unit. */
    private static byte[] flip(byte[] nal) {
        for (int i = nal.length / 3; i < nal.length / 3 + 16; i++) {
            nal[i] ^= (byte) 0x5a;
        }
        return nal;
    }

    /** The first half of the NAL unit, as if the rest was lost. */
    private static byte[] truncate(byte[] nal) {
        return Arrays.copyOf(nal, nal.length / 2);
    }

    static List<AccessUnit> shift(List<AccessUnit> units, long firstPts) {
        long delta = firstPts - units.get(0).pts90k();
        return units.stream().map(u -> new AccessUnit(u.camera(), u.codec(), u.nalUnits(), u.pts90k() + delta,
                u.wallClock().plusNanos(delta * 100_000 / 9), u.keyframe(), u.parameterSets(), u.discontinuity()))
                .toList();
    }

    private static List<Outcome> decodeAll(List<AccessUnit> units, Counts counts, List<GreyFrame> frames) {
        return decodeAll(units, counts, frames, DecoderSettings.full(60).withAnalysisWidth(320));
    }

    private static List<Outcome> decodeAll(List<AccessUnit> units, Counts counts, List<GreyFrame> frames,
            DecoderSettings settings) {
        List<Outcome> outcomes = new ArrayList<>();
        try (CameraDecoder decoder = new CameraDecoder(CAM, settings, counts, System::nanoTime)) {
            for (AccessUnit u : units) {
                outcomes.add(decoder.decode(u, frames::add));
            }
        }
        return outcomes;
    }

}
