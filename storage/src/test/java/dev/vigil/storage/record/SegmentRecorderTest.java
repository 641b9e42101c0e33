package dev.vigil.storage.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.storage.mp4.Fmp4Scanner;
import dev.vigil.storage.mp4.TestStreams;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segment boundaries, breaks and spool files, with synthetic 10 fps H.264 (key frame every 2 s). */
class SegmentRecorderTest {
    static final CameraId CAM = CameraId.of("gate-3");
    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    static final long FRAME = 9_000;

    final List<SpooledSegment> segments = new ArrayList<>();
    final List<String> breaks = new ArrayList<>();
    long skipped;
    final List<VigilException> errors = new ArrayList<>();

    final SegmentRecorder.Listener listener = new SegmentRecorder.Listener() {
        @Override
        public void onSegment(SpooledSegment segment) {
            segments.add(segment);
        }

        @Override
        public void onBreak(CameraId camera, SegmentRecorder.BreakReason reason) {
            breaks.add(reason.label());
        }

        @Override
        public void onSkipped(CameraId camera, long units) {
            skipped += units;
        }

        @Override
        public void onWriteError(CameraId camera, VigilException error) {
            errors.add(error);
        }
    };

    static AccessUnit unit(int n) {
        return unit(n, T0.plusMillis(n * 100L), false);
    }

    static AccessUnit unit(int n, Instant wallClock, boolean discontinuity) {
        return TestStreams.h264(CAM, n, 1_000_000 + n * FRAME, n % 20 == 0, wallClock, discontinuity);
    }

    SegmentRecorder recorder(Spool spool, int segmentSeconds) {
        return new SegmentRecorder(CAM, "yard", GeoPoint.of(21.59, 105.84), SegmentRecorder.Settings.of(segmentSeconds),
                spool, listener);
    }

    @Test
    void rollsAtTheFirstKeyFrameAfterTheLengthAndSegmentsAbut(@TempDir Path dir) throws Exception {
        Spool spool = new Spool(dir, 1 << 30, Spool.Listener.NONE);
        SegmentRecorder rec = recorder(spool, 5);
        for (int n = 3; n < 150; n++) { // joins mid-GOP: 3..19 skipped
            rec.accept(unit(n));
        }
        rec.close();
        assertEquals(17, skipped);
        // Key frames every 20 pictures (2 s): 20..79 (6 s), 80..139, 140..149.
        assertEquals(3, segments.size(), segments.toString());
        assertEquals(T0.plusSeconds(2), segments.get(0).start());
        assertEquals(T0.plusSeconds(8), segments.get(0).end());
        assertEquals(segments.get(0).end(), segments.get(1).start(), "no false gap between rolled segments");
        assertEquals(T0.plusSeconds(15), segments.get(2).end(), "the last picture repeats the previous duration");
        assertEquals(List.of(), breaks);
        for (SpooledSegment s : segments) {
            assertTrue(Files.exists(s.file()));
            assertEquals(Files.size(s.file()), s.bytes());
            assertEquals(sha256(s.file()), s.sha256());
            assertEquals(s.samples() * FRAME, Fmp4Scanner.scan(s.file()).endDecodeTime());
            assertEquals(768, s.meta().width());
            assertEquals("yard", s.meta().site());
        }
        assertEquals(3, spool.readyCount());
    }

    @Test
    void discontinuityAndClockJumpCloseTheSegmentAndWaitForAKeyFrame(@TempDir Path dir) {
        Spool spool = new Spool(dir, 1 << 30, Spool.Listener.NONE);
        SegmentRecorder rec = recorder(spool, 60);
        for (int n = 0; n < 30; n++) {
            rec.accept(unit(n));
        }
        rec.accept(unit(30, T0.plusMillis(3000), true)); // loss: flagged
        for (int n = 31; n < 50; n++) {
            rec.accept(unit(n)); // skipped until the key frame at 40
        }
        // The camera's clock steps 10 s while presentation times go on.
        for (int n = 50; n < 70; n++) {
            rec.accept(unit(n, T0.plusMillis(n * 100L + 10_000), false));
        }
        rec.close();
        assertEquals(List.of("discontinuity", "clock_jump"), breaks);
        assertEquals(3, segments.size());
        assertEquals(T0, segments.get(0).start());
        assertEquals(T0.plusMillis(3000), segments.get(0).end());
        assertEquals(T0.plusSeconds(4), segments.get(1).start());
        assertEquals(T0.plusSeconds(16), segments.get(2).start(), "restarted at the key frame at 60, new clock");
        assertEquals(10 + 10, skipped, "31..39 and the flagged 30, then 50..59 after the clock jump");
    }

    /** A full disk for real: the spool file is /dev/full, where every write fails with ENOSPC. */
    @Test
    void aFullDiskIsAnErrorAndRecordingResumesAtTheNextKeyFrame(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")), "no /dev/full here");
        Spool spool = new Spool(dir, 1 << 30, Spool.Listener.NONE);
        Files.createDirectories(dir.resolve("gate-3"));
        Files.createSymbolicLink(dir.resolve("gate-3").resolve(ObjectKeys.stamp(T0) + ".part"), Path.of("/dev/full"));
        SegmentRecorder rec = recorder(spool, 60);
        for (int n = 0; n < 45; n++) {
            rec.accept(unit(n));
        }
        rec.close();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).getMessage().contains("No space left on device"), errors.get(0).getMessage());
        assertEquals(List.of("write_error"), breaks);
        assertEquals(1, segments.size());
        assertEquals(T0.plusSeconds(2), segments.get(0).start(), "resumed at the next key frame");
        assertEquals(9, skipped, "11..19 waited for the key frame; 10 was the unit whose write failed");
    }

    static String sha256(Path file) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            d.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
