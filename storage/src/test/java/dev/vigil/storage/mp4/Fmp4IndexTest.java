package dev.vigil.storage.mp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class Fmp4IndexTest {
    private static final CameraId CAMERA = CameraId.of("gate-3");

    /** 100 pictures at 10 fps, a key frame every 10th: ten one-second fragments. */
    private static byte[] segment() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Fmp4SegmentWriter writer = Fmp4SegmentWriter.open(out, TestStreams.VTEST_H264, FragmentPolicy.DEFAULT);
        for (int n = 0; n < 100; n++) {
            writer.write(TestStreams.h264(CAMERA, n, 1_000 + n * 9_000L, n % 10 == 0, Instant.EPOCH, false, 50 + n));
        }
        writer.finish();
        return out.toByteArray();
    }

    @Test
    void findsEverySampleWhereTheReaderReadsItWithOneReadPerFragment() {
        byte[] file = segment();
        AtomicInteger reads = new AtomicInteger();
        Fmp4Index index = Fmp4Index.read((offset, length) -> {
            reads.incrementAndGet();
            return Arrays.copyOfRange(file, (int) offset, (int) Math.min(file.length, offset + length));
        }, file.length, "a.mp4");
        assertEquals(100, index.sampleCount());
        assertTrue(reads.get() <= 11, "one read per fragment (the first with the moov): " + reads.get());

        Fmp4Reader reader = Fmp4Reader.open(new ByteArrayInputStream(file));
        assertEquals(reader.track(), index.track());
        List<Fmp4Reader.Sample> samples = new ArrayList<>();
        for (Fmp4Reader.Fragment f; (f = reader.nextFragment()) != null; ) {
            samples.addAll(f.samples());
        }
        for (int i = 0; i < 100; i++) {
            Fmp4Reader.Sample s = samples.get(i);
            assertEquals(s.decodeTime(), index.decodeTime(i));
            assertEquals(s.duration(), index.duration(i));
            assertEquals(s.sync(), index.sync(i));
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (byte[] nal : s.nalUnits()) {
                expected.writeBytes(new byte[] {0, 0, (byte) (nal.length >>> 8), (byte) nal.length});
                expected.writeBytes(nal);
            }
            assertArrayEquals(expected.toByteArray(), Arrays.copyOfRange(file, (int) index.offset(i),
                    (int) index.offset(i) + index.size(i)), "bytes of sample " + i);
        }
    }

    @Test
    void readsTheTrackWithOneReadAndRefusesDamage() {
        byte[] file = segment();
        AtomicInteger reads = new AtomicInteger();
        Fmp4Reader.Track track = Fmp4Index.readTrack((offset, length) -> {
            reads.incrementAndGet();
            return Arrays.copyOfRange(file, (int) offset, (int) Math.min(file.length, offset + length));
        }, file.length, "a.mp4");
        assertEquals(TestStreams.VTEST_H264, track.parameterSets());
        assertEquals(1, reads.get());

        byte[] cut = Arrays.copyOf(file, file.length - 10);
        VigilException truncated = assertThrows(VigilException.class, () -> Fmp4Index.read((offset, length) ->
                Arrays.copyOfRange(cut, (int) offset, (int) Math.min(cut.length, offset + length)), cut.length, "a.mp4"));
        assertEquals(ErrorKind.DATA_LOSS, truncated.kind());
        assertTrue(truncated.getMessage().startsWith("a.mp4: box 'mdat' at offset"), truncated.getMessage());
        byte[] noise = new byte[5000];
        Arrays.fill(noise, (byte) 7);
        assertEquals(ErrorKind.DATA_LOSS, assertThrows(VigilException.class, () -> Fmp4Index.read((offset, length) ->
                Arrays.copyOfRange(noise, (int) offset, (int) Math.min(noise.length, offset + length)), noise.length,
                "noise")).kind());
    }
}
