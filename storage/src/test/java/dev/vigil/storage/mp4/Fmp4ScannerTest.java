package dev.vigil.storage.mp4;

import static dev.vigil.storage.mp4.Fmp4InitSegmentTest.VTEST_H264;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scanning segments cut short at every kind of place, as a killed process leaves them. */
class Fmp4ScannerTest {
    private static final long FRAME = 9_000;

    private static byte[] segment(int units) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Fmp4SegmentWriter writer = Fmp4SegmentWriter.open(out, VTEST_H264, FragmentPolicy.DEFAULT);
        for (int i = 0; i < units; i++) {
            writer.write(Fmp4SegmentWriterTest.h264Unit(i, 500 + i * FRAME, i % 10 == 0));
        }
        writer.finish();
        return out.toByteArray();
    }

    @Test
    void aWholeSegmentIsValidToTheEnd(@TempDir Path dir) throws Exception {
        byte[] file = segment(25);
        Path p = Files.write(dir.resolve("s.mp4"), file);
        Fmp4Scanner.Scan scan = Fmp4Scanner.scan(p);
        assertEquals(file.length, scan.validBytes());
        assertEquals(3, scan.fragments());
        assertEquals(25, scan.samples());
        assertEquals(25 * FRAME, scan.endDecodeTime());
        assertFalse(scan.truncated());
    }

    @Test
    void aCutFileIsValidUpToItsLastCompleteFragment(@TempDir Path dir) throws Exception {
        byte[] file = segment(25);
        List<Mp4Box> top = Mp4Box.parse(file, 0, file.length);
        long secondFragmentEnd = top.get(5).offset() + top.get(5).size();
        for (long cut : new long[] {secondFragmentEnd + 3, top.get(6).offset() + 20, file.length - 1}) {
            Path p = Files.write(dir.resolve("cut-" + cut + ".mp4"), Arrays.copyOf(file, (int) cut));
            Fmp4Scanner.Scan scan = Fmp4Scanner.scan(p);
            assertEquals(secondFragmentEnd, scan.validBytes(), "cut at " + cut);
            assertEquals(2, scan.fragments());
            assertEquals(20, scan.samples());
            assertEquals(20 * FRAME, scan.endDecodeTime());
            assertTrue(scan.truncated());
        }
        // Cut inside the first fragment's mdat: only the init segment is left.
        Path early = Files.write(dir.resolve("early.mp4"), Arrays.copyOf(file, (int) top.get(3).offset() + 10));
        Fmp4Scanner.Scan scan = Fmp4Scanner.scan(early);
        assertEquals(0, scan.fragments());
        assertEquals(top.get(1).offset() + top.get(1).size(), scan.validBytes());
    }

    @Test
    void noCompleteMoovIsDataLoss(@TempDir Path dir) throws Exception {
        byte[] file = segment(5);
        Path p = Files.write(dir.resolve("x.mp4"), Arrays.copyOf(file, 40));
        VigilException e = assertThrows(VigilException.class, () -> Fmp4Scanner.scan(p));
        assertEquals(ErrorKind.DATA_LOSS, e.kind());
    }
}
