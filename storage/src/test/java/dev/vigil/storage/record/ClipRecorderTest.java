package dev.vigil.storage.record;

import static dev.vigil.storage.record.SegmentRecorderTest.CAM;
import static dev.vigil.storage.record.SegmentRecorderTest.T0;
import static dev.vigil.storage.record.SegmentRecorderTest.unit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.AccessUnit;
import dev.vigil.storage.mp4.Fmp4Scanner;
import dev.vigil.storage.mp4.FragmentPolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 10 fps, a key frame every 2 s (pictures 0, 20, 40, ...), picture n at T0 + n * 100 ms. */
class ClipRecorderTest {

    @Test
    void ringKeepsWholeGopsCoveringThePreRoll() {
        PreRollRing ring = new PreRollRing(5000, 1 << 30);
        for (int n = 5; n < 100; n++) {
            ring.add(unit(n)); // 5..19 are skipped: no key frame yet
        }
        List<AccessUnit> all = ring.since(Long.MIN_VALUE);
        assertTrue(all.get(0).keyframe());
        assertEquals(40, all.get(0).pts90k() / 9_000 - 1_000_000 / 9_000, "from key frame 40: 99-40 >= 50 > 99-60");
        assertEquals(99, all.get(all.size() - 1).pts90k() / 9_000 - 1_000_000 / 9_000);
        ring.add(unit(101, T0.plusSeconds(10), true));
        assertTrue(ring.isEmpty(), "a discontinuity empties the ring");
    }

    @Test
    void ringMemoryIsBoundedByWholeGops() {
        PreRollRing ring = new PreRollRing(60_000, 20 * 120);
        for (int n = 0; n < 200; n++) {
            ring.add(unit(n));
            assertTrue(ring.bytes() <= 20 * 120 || ring.since(Long.MIN_VALUE).size() <= 21, "bounded at " + n);
        }
    }

    @Test
    void clipStartsAtTheKeyFrameBeforeItsStartFromTheRingAndEndsLive(@TempDir Path dir) throws Exception {
        Spool spool = new Spool(dir, 1 << 30, Spool.Listener.NONE);
        ClipRecorder clips = new ClipRecorder(CAM, "yard", null, 5000, 1 << 30, spool, FragmentPolicy.DEFAULT);
        for (int n = 0; n < 70; n++) {
            clips.accept(unit(n));
        }
        // At picture 70 (T0+7s): the event began at T0+5.5s; the clip runs to T0+9s.
        CompletableFuture<SpooledSegment> f = clips.request(new ClipRequest(CAM, T0.plusMillis(5500),
                T0.plusSeconds(9), "motion in zone A"));
        for (int n = 70; n < 100; n++) {
            clips.accept(unit(n));
        }
        SpooledSegment clip = f.get();
        assertEquals(T0.plusSeconds(4), clip.start(), "key frame 40 is the last one before 5.5 s");
        assertEquals(51, clip.samples(), "pictures 40..90");
        assertEquals("motion in zone A", clip.meta().clip().reason());
        assertTrue(clip.meta().objectKey(clip.end()).startsWith("clips/yard/gate-3/2026/11/27/10/"));
        assertFalse(Fmp4Scanner.scan(clip.file()).truncated());
        assertEquals(1, spool.readyCount());
    }

    @Test
    void aClipWithNoPictureFailsAndAStalledOneIsClosed(@TempDir Path dir) {
        Spool spool = new Spool(dir, 1 << 30, Spool.Listener.NONE);
        ClipRecorder clips = new ClipRecorder(CAM, "yard", null, 5000, 1 << 30, spool, FragmentPolicy.DEFAULT);
        for (int n = 0; n < 30; n++) {
            clips.accept(unit(n));
        }
        CompletableFuture<SpooledSegment> stalled = clips.request(new ClipRequest(CAM, T0.plusSeconds(2),
                T0.plusSeconds(20), "tamper"));
        clips.accept(unit(30));
        clips.expire(Instant.parse("2026-11-27T10:01:00Z"));
        assertTrue(stalled.isDone());
        SpooledSegment partial = stalled.join();
        assertEquals(T0.plusSeconds(2), partial.start());

        CompletableFuture<SpooledSegment> future = clips.request(new ClipRequest(CAM, T0.plusSeconds(60),
                T0.plusSeconds(61), "later"));
        clips.close();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, future::get);
        assertTrue(e.getCause().getMessage().contains("no picture"), e.getCause().getMessage());
    }
}
