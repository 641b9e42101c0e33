package dev.vigil.storage.mp4;

import static dev.vigil.storage.mp4.Fmp4InitSegmentTest.VTEST_H264;
import static dev.vigil.storage.mp4.Fmp4InitSegmentTest.VTEST_H265;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.ParameterSets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fragments of synthetic access units carrying vtest's real parameter sets. */
class Fmp4SegmentWriterTest {
    private static final CameraId CAMERA = CameraId.of("gate-3");
    private static final long START_PTS = 1_000_000;
    private static final long FRAME = 9_000; // 10 fps
    private static final byte[] AUD = {0x09, (byte) 0xF0};

    @Test
    void cutsOneSecondFragmentsWithExactTfdtAndTrun() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Fmp4SegmentWriter writer = Fmp4SegmentWriter.open(out, VTEST_H264, FragmentPolicy.DEFAULT);
        List<AccessUnit> units = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            units.add(h264Unit(i, START_PTS + i * FRAME, i % 20 == 0));
            writer.write(units.get(i));
        }
        Fmp4SegmentSummary summary = writer.finish();
        byte[] file = out.toByteArray();

        assertEquals(file.length, summary.bytesWritten());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)), summary.sha256());
        assertEquals(25, summary.sampleCount());
        assertEquals(3, summary.fragmentCount());
        assertEquals(START_PTS, summary.firstPts90k());
        assertEquals(START_PTS + 25 * FRAME, summary.endPts90k(), "last sample repeats the previous duration");
        long expectedPayload = units.stream().mapToLong(u -> u.payloadBytes()).sum()
                - 2 * (VTEST_H264.sps().length + VTEST_H264.pps().length); // two key frames carried SPS+PPS
        assertEquals(expectedPayload, summary.payloadBytes());
        assertEquals(Fmp4SegmentWriter.State.FINISHED, writer.state());

        List<Mp4Box> top = Mp4Box.parse(file, 0, file.length);
        assertEquals(List.of("ftyp", "moov", "moof", "mdat", "moof", "mdat", "moof", "mdat"),
                top.stream().map(Mp4Box::type).toList());
        int[] counts = {10, 10, 5};
        int unit = 0;
        for (int f = 0; f < 3; f++) {
            Mp4Box moof = top.get(2 + 2 * f);
            Mp4Box mdat = top.get(3 + 2 * f);
            assertEquals(List.of("mfhd", "traf"), moof.types());
            assertEquals(f + 1, moof.child("mfhd").u32At(4), "sequence_number");
            Mp4Box traf = moof.child("traf");
            assertEquals(List.of("tfhd", "tfdt", "trun"), traf.types());
            assertEquals(0x020000, traf.child("tfhd").u32At(0), "v0, default-base-is-moof only");
            assertEquals(1, traf.child("tfhd").u32At(4), "track_ID");
            Mp4Box tfdt = traf.child("tfdt");
            assertEquals(0x0100_0000L, tfdt.u32At(0), "version 1");
            assertEquals(f * 10 * FRAME, tfdt.u64At(4), "baseMediaDecodeTime");
            Mp4Box trun = traf.child("trun");
            assertEquals(0x000701, trun.u32At(0));
            assertEquals(counts[f], trun.u32At(4));
            assertEquals(moof.size() + 8, trun.u32At(8), "data_offset: first byte after the mdat header");
            assertEquals(mdat.offset(), moof.offset() + moof.size());
            ByteArrayOutputStream expectedMdat = new ByteArrayOutputStream();
            for (int s = 0; s < counts[f]; s++, unit++) {
                int at = 12 + 12 * s;
                assertEquals(FRAME, trun.u32At(at), "duration of sample " + unit);
                byte[] sample = lengthPrefixed(units.get(unit), VTEST_H264);
                assertEquals(sample.length, trun.u32At(at + 4), "size of sample " + unit);
                assertEquals(unit % 20 == 0 ? 0x0200_0000L : 0x0101_0000L, trun.u32At(at + 8), "flags of sample " + unit);
                expectedMdat.write(sample);
            }
            assertArrayEquals(expectedMdat.toByteArray(), mdat.payload());
        }
    }

    @Test
    void finishWithEndPtsGivesTheLastSampleThatDuration() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Fmp4SegmentWriter writer = Fmp4SegmentWriter.open(out, VTEST_H264, FragmentPolicy.DEFAULT);
        writer.write(h264Unit(0, START_PTS, true));
        writer.write(h264Unit(1, START_PTS + 9_000, false));
        Fmp4SegmentSummary summary = writer.finish(START_PTS + 9_000 + 4_500);
        assertEquals(START_PTS + 13_500, summary.endPts90k());
        byte[] file = out.toByteArray();
        Mp4Box trun = Mp4Box.parse(file, 0, file.length).get(2).path("traf/trun");
        assertEquals(9_000, trun.u32At(12));
        assertEquals(4_500, trun.u32At(24));
    }

    @Test
    void oneSampleSegmentLastsOneFrameOfTheSpsFrameRate() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Fmp4SegmentWriter writer = Fmp4SegmentWriter.open(out, VTEST_H264, FragmentPolicy.DEFAULT);
        writer.write(h264Unit(0, START_PTS, true));
        assertEquals(START_PTS + 9_000, writer.finish().endPts90k(), "vtest's VUI says 10 fps");
    }

    @Test
    void startsFragmentsAtKeyFramesPastHalfTheTarget() {
        // GOP of 7 frames (0.7 s): each key frame arrives past 0.5 s and starts a fragment.
        assertEquals(List.of(7, 7, 7), fragmentSampleCounts(FragmentPolicy.DEFAULT, 21, 7));
        // GOP of 3 frames (0.3 s): the key frame at 0.3 s does not cut, the one at 0.6 s does.
        assertEquals(List.of(6, 6, 6, 3), fragmentSampleCounts(FragmentPolicy.DEFAULT, 21, 3));
        // No key frame after the first: cut at 1 s regardless.
        assertEquals(List.of(10, 10, 1), fragmentSampleCounts(FragmentPolicy.DEFAULT, 21, 100));
        // keyframeWait 1 s with a GOP of 15 frames: 1.5 s fragments, all starting at key frames.
        FragmentPolicy patient = new FragmentPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 16 << 20);
        assertEquals(List.of(15, 15, 5), fragmentSampleCounts(patient, 35, 15));
    }

    @Test
    void cutsWhenTheFragmentWouldPassMaxBytes() {
        FragmentPolicy small = new FragmentPolicy(Duration.ofSeconds(10), Duration.ZERO, 64 << 10);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Fmp4SegmentWriter writer = Fmp4SegmentWriter.open(out, VTEST_H264, small);
        for (int i = 0; i < 10; i++) {
            byte[] slice = new byte[20_000];
            slice[0] = (byte) (i == 0 ? 0x65 : 0x41);
            writer.write(unit(Codec.H264, List.of(slice), START_PTS + i * FRAME, i == 0));
        }
        Fmp4SegmentSummary summary = writer.finish();
        assertEquals(4, summary.fragmentCount(), "3 samples of 20 004 bytes fit 64 KiB, a 4th does not");
    }

    @Test
    void h265InBandParameterSetsMoveToTheSampleEntry() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Fmp4SegmentWriter writer = Fmp4SegmentWriter.open(out, VTEST_H265, FragmentPolicy.DEFAULT);
        byte[] idr = {0x28, 0x01, (byte) 0xAF, 0x11};
        byte[] trail = {0x02, 0x01, (byte) 0xD0, 0x22};
        writer.write(unit(Codec.H265, List.of(VTEST_H265.vps(), VTEST_H265.sps(), VTEST_H265.pps(), idr), 0, true));
        writer.write(unit(Codec.H265, List.of(trail), 3_000, false));
        Fmp4SegmentSummary summary = writer.finish();
        assertEquals(8, summary.payloadBytes());
        byte[] file = out.toByteArray();
        List<Mp4Box> top = Mp4Box.parse(file, 0, file.length);
        assertArrayEquals(HexFormat.of().parseHex("000000042801af11" + "0000000402 01d022".replace(" ", "")),
                top.get(3).payload());
    }

    @Test
    void rejectedUnitsLeaveTheWriterUsable() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Fmp4SegmentWriter writer = Fmp4SegmentWriter.open(out, VTEST_H264, FragmentPolicy.DEFAULT);
        assertKind(ErrorKind.FAILED_PRECONDITION, () -> writer.write(h264Unit(1, START_PTS, false)), "key frame");
        assertKind(ErrorKind.FAILED_PRECONDITION, () -> writer.finish(), "without access units");
        writer.write(h264Unit(0, START_PTS, true));
        assertKind(ErrorKind.INVALID_ARGUMENT, () -> writer.write(h264Unit(1, START_PTS, false)), "B-frames");
        assertKind(ErrorKind.INVALID_ARGUMENT, () -> writer.write(unit(Codec.H265, List.of(new byte[] {2, 1}),
                START_PTS + FRAME, false)), "H265 access unit");
        byte[] otherSps = VTEST_H264.sps().clone();
        otherSps[otherSps.length - 1] ^= 1;
        assertKind(ErrorKind.FAILED_PRECONDITION, () -> writer.write(unit(Codec.H264,
                List.of(otherSps, VTEST_H264.pps(), new byte[] {0x65, 1}), START_PTS + FRAME, true)), "in-band");
        ParameterSets other = new ParameterSets(Codec.H264, null, otherSps, VTEST_H264.pps());
        assertKind(ErrorKind.FAILED_PRECONDITION, () -> writer.write(new AccessUnit(CAMERA, Codec.H264,
                List.of(new byte[] {0x41, 1}), START_PTS + FRAME, Instant.EPOCH, false, other, false)), "parameter sets");
        assertKind(ErrorKind.INVALID_ARGUMENT, () -> writer.write(unit(Codec.H264,
                List.of(VTEST_H264.sps(), VTEST_H264.pps()), START_PTS + FRAME, false)), "only parameter sets");
        assertKind(ErrorKind.INVALID_ARGUMENT, () -> writer.write(unit(Codec.H264,
                List.of(AUD, new byte[0]), START_PTS + FRAME, false)), "empty NAL unit");
        writer.write(h264Unit(1, START_PTS + FRAME, false));
        assertKind(ErrorKind.INVALID_ARGUMENT, () -> writer.finish(START_PTS + FRAME), "end pts");
        assertEquals(2, writer.finish().sampleCount());
        assertKind(ErrorKind.FAILED_PRECONDITION, () -> writer.write(h264Unit(2, START_PTS + 2 * FRAME, false)),
                "must be OPEN, was FINISHED");
    }

    @Test
    void anIoErrorFailsTheWriter() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }
        };
        // The init segment fits the sink's buffer, the first fragment's flush does not.
        Fmp4SegmentWriter writer = Fmp4SegmentWriter.open(broken, VTEST_H264, FragmentPolicy.DEFAULT);
        writer.write(h264Unit(0, START_PTS, true));
        assertKind(ErrorKind.UNAVAILABLE, writer::finish, "disk full");
        assertEquals(Fmp4SegmentWriter.State.FAILED, writer.state());
        assertKind(ErrorKind.FAILED_PRECONDITION, writer::finish, "was FAILED");
    }

    private static List<Integer> fragmentSampleCounts(FragmentPolicy policy, int frames, int gop) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Fmp4SegmentWriter writer = Fmp4SegmentWriter.open(out, VTEST_H264, policy);
        for (int i = 0; i < frames; i++) {
            writer.write(h264Unit(i, START_PTS + i * FRAME, i % gop == 0));
        }
        writer.finish();
        byte[] file = out.toByteArray();
        return Mp4Box.parse(file, 0, file.length).stream().filter(b -> b.type().equals("moof"))
                .map(b -> (int) b.path("traf/trun").u32At(4)).toList();
    }

    /** AUD, SPS and PPS on key frames, then one slice whose bytes depend on {@code n}. */
    static AccessUnit h264Unit(int n, long pts, boolean keyframe) {
        byte[] slice = new byte[100 + n % 7];
        Arrays.fill(slice, (byte) n);
        slice[0] = (byte) (keyframe ? 0x65 : 0x41);
        List<byte[]> nals = keyframe ? List.of(AUD, VTEST_H264.sps(), VTEST_H264.pps(), slice) : List.of(AUD, slice);
        return unit(Codec.H264, nals, pts, keyframe);
    }

    private static AccessUnit unit(Codec codec, List<byte[]> nals, long pts, boolean keyframe) {
        return new AccessUnit(CAMERA, codec, nals, pts, Instant.EPOCH.plusMillis(pts / 90), keyframe, null, false);
    }

    /** The sample as the writer must lay it out: parameter sets dropped, 4-byte lengths. */
    private static byte[] lengthPrefixed(AccessUnit unit, ParameterSets ps) throws IOException {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        for (byte[] nal : unit.nalUnits()) {
            if (Arrays.equals(nal, ps.sps()) || Arrays.equals(nal, ps.pps())) {
                continue;
            }
            s.write(new byte[] {0, 0, (byte) (nal.length >> 8), (byte) nal.length});
            s.write(nal);
        }
        return s.toByteArray();
    }

    private static void assertKind(ErrorKind kind, Runnable call, String messagePart) {
        VigilException e = assertThrows(VigilException.class, call::run);
        assertEquals(kind, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }
}
