package dev.vigil.storage.mp4;

import static dev.vigil.storage.mp4.Fmp4InitSegmentTest.VTEST_H264;
import static dev.vigil.storage.mp4.Fmp4InitSegmentTest.VTEST_H265;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.ParameterSets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Reading back what {@link Fmp4SegmentWriter} wrote, fragments built by hand, and damaged streams. */
class Fmp4ReaderTest {
    private static final CameraId CAMERA = CameraId.of("gate-3");
    private static final long FRAME = 9_000;
    private static final long START = 7_000_000;

    /** Synthetic units: a key frame every 10 with in-band parameter sets, an AUD-less picture otherwise. */
    static List<AccessUnit> units(Codec codec, int count) {
        ParameterSets ps = codec == Codec.H264 ? VTEST_H264 : VTEST_H265;
        List<AccessUnit> units = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean key = i % 10 == 0;
            byte[] slice = new byte[50 + i % 13];
            Arrays.fill(slice, (byte) (i + 1));
            List<byte[]> nals = new ArrayList<>();
            if (codec == Codec.H264) {
                slice[0] = (byte) (key ? 0x65 : 0x41);
                if (key) {
                    nals.addAll(List.of(ps.sps(), ps.pps()));
                }
            } else {
                slice[0] = (byte) ((key ? 19 : 1) << 1);
                slice[1] = 1;
                if (key) {
                    nals.addAll(List.of(ps.vps(), ps.sps(), ps.pps()));
                }
            }
            nals.add(new byte[] {slice[0], slice[1], 0x7f}); // a second, tiny NAL unit
            nals.add(slice);
            units.add(new AccessUnit(CAMERA, codec, nals, START + i * FRAME, Instant.EPOCH, key, ps, false));
        }
        return units;
    }

    static byte[] write(List<AccessUnit> units) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Fmp4SegmentWriter writer = Fmp4SegmentWriter.open(out, units.get(0).parameterSets(), FragmentPolicy.DEFAULT);
        units.forEach(writer::write);
        writer.finish();
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void readsBackWhatTheWriterWroteFragmentByFragment(Codec codec) {
        List<AccessUnit> units = units(codec, 35);
        byte[] file = write(units);
        Fmp4Reader reader = Fmp4Reader.open(new ByteArrayInputStream(file));
        Fmp4Reader.Track track = reader.track();
        assertEquals(codec, track.codec());
        assertEquals(units.get(0).parameterSets(), track.parameterSets());
        assertEquals(codec == Codec.H264 ? "avc1" : "hvc1", track.sampleEntryType());
        assertEquals(90_000, track.timescale());
        assertEquals(4, track.nalLengthSize());
        assertEquals(768, track.width());
        assertEquals(576, track.height());

        List<Fmp4Reader.Sample> samples = new ArrayList<>();
        List<Integer> fragmentSizes = new ArrayList<>();
        for (Fmp4Reader.Fragment f; (f = reader.nextFragment()) != null; ) {
            fragmentSizes.add(f.samples().size());
            samples.addAll(f.samples());
        }
        assertEquals(List.of(10, 10, 10, 5), fragmentSizes, "1 s fragments cut at key frames");
        assertEquals(file.length, reader.bytesRead());
        assertNull(reader.nextFragment(), "still at the end");
        assertEquals(units.size(), samples.size());
        for (int i = 0; i < units.size(); i++) {
            AccessUnit unit = units.get(i);
            Fmp4Reader.Sample sample = samples.get(i);
            assertEquals(unit.pts90k() - START, sample.decodeTime(), "decode time of " + i);
            assertEquals(FRAME, sample.duration());
            assertEquals(0, sample.compositionOffset());
            assertEquals(unit.keyframe(), sample.sync());
            List<byte[]> pictureNals = unit.nalUnits().subList(unit.nalUnits().size() - 2, unit.nalUnits().size());
            assertEquals(pictureNals.size(), sample.nalUnits().size(), "parameter sets are in the sample entry only");
            for (int n = 0; n < pictureNals.size(); n++) {
                assertArrayEquals(pictureNals.get(n), sample.nalUnits().get(n));
            }
        }
    }

    @Test
    void tfhdAndTrunDefaultsFirstSampleFlagsAndMissingTfdtAreHonoured() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(Fmp4InitSegment.of(VTEST_H264).bytes());
        byte[][] pictures = {{0x65, 1, 2, 3}, {0x41, 4, 5}, {0x41, 6}};
        file.writeBytes(fragment(1, pictures));
        file.writeBytes(fragment(2, pictures));

        Fmp4Reader reader = Fmp4Reader.open(new ByteArrayInputStream(file.toByteArray()));
        for (int f = 0; f < 2; f++) {
            Fmp4Reader.Fragment fragment = reader.nextFragment();
            assertEquals(f + 1, fragment.sequenceNumber());
            assertEquals(3, fragment.samples().size());
            for (int i = 0; i < 3; i++) {
                Fmp4Reader.Sample s = fragment.samples().get(i);
                assertEquals((f * 3L + i) * 3_000, s.decodeTime(), "no tfdt: decode time continues");
                assertEquals(3_000, s.duration(), "tfhd default duration");
                assertEquals(i == 0, s.sync(), "first_sample_flags, then tfhd default flags");
                assertArrayEquals(pictures[i], s.nalUnits().get(0));
            }
        }
        assertNull(reader.nextFragment());
    }

    /** moof(mfhd, traf(tfhd default-base-is-moof + default duration and flags, trun sizes only)) + mdat. */
    private static byte[] fragment(int sequence, byte[][] pictures) {
        BoxWriter w = new BoxWriter(256);
        int moof = w.begin("moof");
        int mfhd = w.beginFull("mfhd", 0, 0);
        w.u32(sequence);
        w.end(mfhd);
        int traf = w.begin("traf");
        int tfhd = w.beginFull("tfhd", 0, 0x02_0000 | 0x08 | 0x20);
        w.u32(1);
        w.u32(3_000); // default_sample_duration
        w.u32(Fmp4SegmentWriter.SAMPLE_FLAGS_NON_SYNC); // default_sample_flags
        w.end(tfhd);
        int trun = w.beginFull("trun", 0, 0x001 | 0x004 | 0x200);
        w.u32(pictures.length);
        int dataOffset = w.size();
        w.u32(0);
        w.u32(Fmp4SegmentWriter.SAMPLE_FLAGS_SYNC); // first_sample_flags
        long payload = 0;
        for (byte[] p : pictures) {
            w.u32(4 + p.length);
            payload += 4 + p.length;
        }
        w.end(trun);
        w.end(traf);
        w.end(moof);
        w.putU32(dataOffset, w.size() + 8L);
        w.u32(8 + payload);
        w.fourcc("mdat");
        for (byte[] p : pictures) {
            w.u32(p.length);
            w.bytes(p);
        }
        return w.toByteArray();
    }

    @Test
    void aTruncatedStreamYieldsItsCompleteFragmentsThenDataLoss() {
        byte[] file = write(units(Codec.H264, 25));
        Fmp4Reader reader = Fmp4Reader.open(new ByteArrayInputStream(Arrays.copyOf(file, file.length - 10)));
        assertEquals(10, reader.nextFragment().samples().size());
        assertEquals(10, reader.nextFragment().samples().size());
        VigilException e = assertThrows(VigilException.class, reader::nextFragment);
        assertEquals(ErrorKind.DATA_LOSS, e.kind());
        assertTrue(e.getMessage().contains("ends inside box 'mdat'"), e.getMessage());
        assertEquals(ErrorKind.FAILED_PRECONDITION, assertThrows(VigilException.class, reader::nextFragment).kind());
    }

    @Test
    void aNalLengthPastItsSampleIsDataLoss() {
        byte[] file = write(units(Codec.H264, 3));
        List<Mp4Box> top = Mp4Box.parse(file, 0, file.length);
        Mp4Box mdat = top.get(3);
        assertEquals("mdat", mdat.type());
        file[mdat.offset() + 8] = 0x7f; // first NAL length now far too big
        Fmp4Reader reader = Fmp4Reader.open(new ByteArrayInputStream(file));
        VigilException e = assertThrows(VigilException.class, reader::nextFragment);
        assertEquals(ErrorKind.DATA_LOSS, e.kind());
        assertTrue(e.getMessage().contains("NAL unit of"), e.getMessage());
    }

    @Test
    void streamsThatAreNotFragmentedMp4AreRefused() {
        VigilException notMp4 = assertThrows(VigilException.class,
                () -> Fmp4Reader.open(new ByteArrayInputStream("hello, this is not an mp4".getBytes())));
        assertEquals(ErrorKind.DATA_LOSS, notMp4.kind());
        assertTrue(notMp4.getMessage().contains("not ftyp"), notMp4.getMessage());

        byte[] file = write(units(Codec.H264, 3));
        List<Mp4Box> top = Mp4Box.parse(file, 0, file.length);
        byte[] noMoov = new byte[file.length - top.get(1).size()];
        System.arraycopy(file, 0, noMoov, 0, top.get(1).offset());
        System.arraycopy(file, top.get(2).offset(), noMoov, top.get(1).offset(),
                file.length - top.get(2).offset());
        VigilException e = assertThrows(VigilException.class, () -> Fmp4Reader.open(new ByteArrayInputStream(noMoov)));
        assertEquals(ErrorKind.DATA_LOSS, e.kind());
        assertTrue(e.getMessage().contains("no moov before moof"), e.getMessage());

        assertFalse(Fmp4Reader.open(new ByteArrayInputStream(file)).nextFragment().samples().isEmpty());
    }
}
