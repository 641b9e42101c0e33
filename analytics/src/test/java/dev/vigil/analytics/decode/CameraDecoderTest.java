package dev.vigil.analytics.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.analytics.frame.BgrImage;
import dev.vigil.analytics.frame.GreyFrame;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.AnalyticsMode;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Codec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link CameraDecoder} on the shared real footage (768x576, 10 fps, 795 frames, GOP 20). */
class CameraDecoderTest {
    private static final CameraId CAM = CameraId.of("yard-1");

    /** Counts what the decoder reports. */
    static final class Counts implements DecodeListener {
        final AtomicInteger decoded = new AtomicInteger();
        final AtomicInteger analysed = new AtomicInteger();
        final AtomicInteger opens = new AtomicInteger();
        final Map<DropReason, Integer> dropped = new EnumMap<>(DropReason.class);
        final List<String> hardwareFallbacks = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void hardwareUnavailable(CameraId camera, dev.vigil.core.model.HwAccel type, String reason) {
            hardwareFallbacks.add(type + ": " + reason);
        }

        @Override
        public void decoded(CameraId camera, int frames, long nanos) {
            decoded.addAndGet(frames);
        }

        @Override
        public void analysed(CameraId camera, long nanos) {
            analysed.incrementAndGet();
        }

        @Override
        public synchronized void dropped(CameraId camera, DropReason reason, int units) {
            dropped.merge(reason, units, Integer::sum);
        }

        @Override
        public void opened(CameraId camera, Codec codec) {
            opens.incrementAndGet();
        }

        synchronized int dropped(DropReason reason) {
            return dropped.getOrDefault(reason, 0);
        }
    }

    /**
     * Hardware decoding asked for where its device cannot be opened (this machine has no GPU; a
     * machine with one opens it): every picture still comes out, and the fallback is told once.
     */
    @Test
    void hardwareDecodingFallsBackToSoftwareWhenItsDeviceIsMissing() throws Exception {
        List<AccessUnit> units = SharedMedia.units(SharedMedia.H264, CAM);
        int expected = SharedMedia.ffprobeFrameCount(SharedMedia.file(SharedMedia.H264));
        for (dev.vigil.core.model.HwAccel type : List.of(dev.vigil.core.model.HwAccel.VAAPI,
                dev.vigil.core.model.HwAccel.CUDA)) {
            Counts counts = new Counts();
            List<GreyFrame> frames = new ArrayList<>();
            try (CameraDecoder decoder = new CameraDecoder(CAM, new DecoderSettings(AnalyticsMode.FULL, 60, 320)
                    .withHwAccel(type), counts, System::nanoTime)) {
                for (AccessUnit u : units) {
                    decoder.decode(u, frames::add);
                }
            }
            assertEquals(expected, frames.size(), type + ": every picture, in software or hardware");
            String failure = HardwareDevices.failure(type);
            if (failure == null) {
                assertEquals(List.of(), counts.hardwareFallbacks, type + " opened: no fallback");
            } else {
                assertEquals(List.of(type + ": " + failure), counts.hardwareFallbacks, "told once, with the reason");
            }
            assertEquals(320, frames.get(0).width());
        }
    }

    @Test
    void fullModeDecodesEveryFrameOfBothCodecs() throws Exception {
        for (String name : List.of(SharedMedia.H264, SharedMedia.H265)) {
            int expected = SharedMedia.ffprobeFrameCount(SharedMedia.file(name));
            List<AccessUnit> units = SharedMedia.units(name, CAM);
            Counts counts = new Counts();
            List<GreyFrame> frames = new ArrayList<>();
            try (CameraDecoder decoder = new CameraDecoder(CAM, new DecoderSettings(AnalyticsMode.FULL, 60, 320),
                    counts, System::nanoTime)) {
                for (AccessUnit u : units) {
                    decoder.decode(u, frames::add);
                }
            }
            assertEquals(expected, counts.decoded.get(), name + ": decoded pictures vs ffprobe -count_frames");
            // 10 fps source, 60 fps cap: every picture is analysed, in presentation order.
            assertEquals(expected, frames.size(), name);
            assertEquals(0, counts.dropped(DropReason.CORRUPT) + counts.dropped(DropReason.AWAITING_KEYFRAME), name);
            GreyFrame f = frames.get(100);
            assertEquals(320, f.width(), name);
            assertEquals(240, f.height(), name); // 768x576 is 4:3
            assertEquals(768, f.sourceWidth(), name);
            assertEquals(units.get(100).pts90k(), f.pts90k(), name);
            assertEquals(units.get(100).wallClock(), f.wallClock(), name);
            for (int i = 1; i < frames.size(); i++) {
                assertTrue(frames.get(i).pts90k() > frames.get(i - 1).pts90k(), name + " order at " + i);
            }
            assertTrue(frames.get(0).keyframe() && !frames.get(1).keyframe(), name);
            assertTrue(contrast(f) > 20, name + ": a real picture, not a flat one");
        }
    }

    @Test
    void fullModeAnalysesAtTheConfiguredRate() {
        List<AccessUnit> units = SharedMedia.units(SharedMedia.H264, CAM);
        Counts counts = new Counts();
        List<GreyFrame> frames = new ArrayList<>();
        try (CameraDecoder decoder = new CameraDecoder(CAM, DecoderSettings.full(5), counts, System::nanoTime)) {
            units.forEach(u -> decoder.decode(u, frames::add));
        }
        assertEquals(units.size(), counts.decoded.get());
        assertEquals((units.size() + 1) / 2, frames.size(), "5 of the 10 pictures per second");
        assertEquals(frames.size(), counts.analysed.get());
        assertEquals(DecoderSettings.DEFAULT_ANALYSIS_WIDTH, frames.get(0).width());
    }

    @Test
    void keyframesModeDecodesOnlyKeyFrames() {
        for (String name : List.of(SharedMedia.H264, SharedMedia.H265)) {
            List<AccessUnit> units = SharedMedia.units(name, CAM);
            long keys = units.stream().filter(AccessUnit::keyframe).count();
            Counts counts = new Counts();
            List<GreyFrame> frames = new ArrayList<>();
            List<CameraDecoder.Outcome> outcomes = new ArrayList<>();
            try (CameraDecoder decoder = new CameraDecoder(CAM, DecoderSettings.keyframes(), counts, System::nanoTime)) {
                units.forEach(u -> outcomes.add(decoder.decode(u, frames::add)));
            }
            assertEquals(40, keys, name + ": GOP 20 over 795 frames");
            assertEquals(keys, counts.decoded.get(), name);
            assertEquals(keys, frames.size(), name);
            assertTrue(frames.stream().allMatch(GreyFrame::keyframe), name);
            assertEquals(units.size() - keys, outcomes.stream().filter(o -> o == CameraDecoder.Outcome.SKIPPED).count());
            List<Long> keyPts = units.stream().filter(AccessUnit::keyframe).map(AccessUnit::pts90k).toList();
            assertEquals(keyPts, frames.stream().map(GreyFrame::pts90k).toList(), name);
        }
    }

    @Test
    void colourIsAvailableOnlyInsideTheCallback() {
        List<AccessUnit> units = SharedMedia.units(SharedMedia.H264, CAM);
        List<BgrImage> colours = new ArrayList<>();
        List<GreyFrame> kept = new ArrayList<>();
        try (CameraDecoder decoder = new CameraDecoder(CAM, DecoderSettings.keyframes())) {
            decoder.decode(units.get(0), frame -> {
                colours.add(frame.bgr(0));
                colours.add(frame.bgr(384));
                kept.add(frame);
            });
        }
        assertEquals(768, colours.get(0).width());
        assertEquals(576, colours.get(0).height());
        assertEquals(384 * 288 * 3, colours.get(1).bgr().length);
        VigilException late = assertThrows(VigilException.class, () -> kept.get(0).bgr(0));
        assertEquals(ErrorKind.FAILED_PRECONDITION, late.kind());
    }

    static int contrast(GreyFrame f) {
        int min = 255;
        int max = 0;
        for (byte b : f.grey()) {
            min = Math.min(min, b & 0xff);
            max = Math.max(max, b & 0xff);
        }
        return max - min;
    }
}
