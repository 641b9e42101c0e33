package dev.vigil.storage.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.CameraId;
import dev.vigil.storage.mp4.Fmp4Scanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery after a crash, upload order, and the cap policy. */
class SpoolTest {
    private final SegmentRecorderTest fixture = new SegmentRecorderTest();

    private List<SpooledSegment> record(Spool spool, int from, int to) {
        SegmentRecorder rec = fixture.recorder(spool, 2);
        for (int n = from; n < to; n++) {
            rec.accept(SegmentRecorderTest.unit(n));
        }
        rec.close();
        return List.copyOf(fixture.segments);
    }

    @Test
    void anUnfinishedSegmentIsCutAfterItsLastFragmentAndQueued(@TempDir Path dir) throws Exception {
        Spool spool = new Spool(dir, 1 << 30, Spool.Listener.NONE);
        SegmentRecorder rec = fixture.recorder(spool, 60);
        for (int n = 0; n < 35; n++) { // fragments of 1 s: 0..9, 10..19, 20..29 written; 30..34 in memory
            rec.accept(SegmentRecorderTest.unit(n));
        }
        // "kill -9": the recorder never finishes; its file holds complete fragments plus the init.
        Path part;
        try (var files = Files.list(dir.resolve("gate-3"))) {
            part = files.filter(f -> f.toString().endsWith(".part")).findFirst().orElseThrow();
        }
        Files.write(part, new byte[] {0, 0, 1, 0, 'm', 'o'}, java.nio.file.StandardOpenOption.APPEND); // torn write

        Spool restarted = new Spool(dir, 1 << 30, Spool.Listener.NONE);
        List<SpooledSegment> found = restarted.recover();
        assertEquals(1, found.size());
        SpooledSegment s = found.get(0);
        assertTrue(s.recovered());
        assertEquals(30, s.samples());
        assertEquals(SegmentRecorderTest.T0, s.start());
        assertEquals(SegmentRecorderTest.T0.plusSeconds(3), s.end());
        assertEquals(Files.size(s.file()), s.bytes());
        assertFalse(Fmp4Scanner.scan(s.file()).truncated());
        assertEquals(SegmentRecorderTest.sha256(s.file()), s.sha256());
        assertEquals(1, restarted.readyCount());
        // A second restart finds the finished segment, not a second copy.
        assertEquals(1, new Spool(dir, 1 << 30, Spool.Listener.NONE).recover().size());
    }

    @Test
    void takeGivesTheOldestSegmentOfACameraNotBusyAndUploadedDeletesIt(@TempDir Path dir) {
        Spool spool = new Spool(dir, 1 << 30, Spool.Listener.NONE);
        List<SpooledSegment> made = record(spool, 0, 100);
        assertTrue(made.size() >= 3);
        SpooledSegment first = spool.take(Set.of()).orElseThrow();
        assertEquals(made.get(0), first);
        assertTrue(spool.take(Set.of(SegmentRecorderTest.CAM)).isEmpty(), "one at a time per camera");
        spool.release(first);
        assertEquals(first, spool.take(Set.of()).orElseThrow(), "a failed upload is retried first");
        spool.uploaded(first);
        assertFalse(Files.exists(first.file()));
        assertEquals(made.get(1), spool.take(Set.of()).orElseThrow());
    }

    @Test
    void overTheCapTheOldestFinishedSegmentsGoFirstAndAreReported(@TempDir Path dir) {
        List<SpooledSegment> evicted = new ArrayList<>();
        Spool spool = new Spool(dir, 1 << 20, (segment, bytes, max) -> evicted.add(segment));
        // 4 KB pictures at 10 fps: 40 KB a second, so a 1 MiB cap holds about 26 s of the 150 s.
        List<SpooledSegment> made = new ArrayList<>();
        SegmentRecorder rec = fixture.recorder(spool, 2);
        for (int n = 0; n < 1500; n++) {
            rec.accept(dev.vigil.storage.mp4.TestStreams.h264(SegmentRecorderTest.CAM, n,
                    1_000_000 + n * SegmentRecorderTest.FRAME, n % 20 == 0,
                    SegmentRecorderTest.T0.plusMillis(n * 100L), false, 4000));
        }
        rec.close();
        made.addAll(fixture.segments);
        assertFalse(evicted.isEmpty());
        assertTrue(spool.bytes() <= spool.maxBytes());
        assertEquals(made.subList(0, evicted.size()), evicted, "oldest first");
        assertEquals(evicted.size(), spool.evictedSegments());
        assertEquals(made.size() - evicted.size(), spool.readyCount());
        evicted.forEach(s -> assertFalse(Files.exists(s.file())));
    }

    @Test
    void cameraIdsThatAreNotFolderNamesAreRefused(@TempDir Path dir) {
        Spool spool = new Spool(dir, 1 << 30, Spool.Listener.NONE);
        assertEquals(0, spool.recover().size());
        assertEquals(0, spool.bytes());
        assertTrue(CameraId.of("a.b").value().contains("."));
    }
}
