package dev.vigil.storage.mp4;

import dev.vigil.core.model.Codec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test helper: splits an Annex B byte stream into NAL units and groups them into access units
 * by the first-picture-NAL rules (H.264 clause 7.4.1.2.3, H.265 clause 7.4.2.4.4): an access
 * unit ends before an AUD, a parameter set or prefix SEI that follows picture data, or a slice
 * that starts a new picture ({@code first_mb_in_slice == 0} for H.264,
 * {@code first_slice_segment_in_pic_flag} for H.265).
 */
final class AnnexBAccessUnitSplitter {

    /** One access unit: NAL units without start codes, and whether it is a random access point. */
    record Unit(List<byte[]> nalUnits, boolean keyframe) {}

    private AnnexBAccessUnitSplitter() {}

    static List<Unit> split(byte[] stream, Codec codec) {
        List<Unit> units = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        boolean hasPicture = false;
        boolean keyframe = false;
        for (byte[] nal : nalUnits(stream)) {
            int type = codec == Codec.H264 ? nal[0] & 0x1F : (nal[0] >> 1) & 0x3F;
            boolean picture = codec == Codec.H264 ? type >= 1 && type <= 5 : type < 32;
            if (hasPicture && (startsAccessUnit(codec, type) || picture && firstSliceOfPicture(codec, nal))) {
                units.add(new Unit(List.copyOf(current), keyframe));
                current.clear();
                hasPicture = false;
                keyframe = false;
            }
            current.add(nal);
            hasPicture |= picture;
            keyframe |= codec == Codec.H264 ? type == 5 : type >= 16 && type <= 23;
        }
        if (hasPicture) {
            units.add(new Unit(List.copyOf(current), keyframe));
        }
        return units;
    }

    private static boolean startsAccessUnit(Codec codec, int type) {
        if (codec == Codec.H264) {
            return type == 9 || type == 6 || type == 7 || type == 8 || (type >= 14 && type <= 18);
        }
        return type == 35 || type == 32 || type == 33 || type == 34 || type == 39 || (type >= 41 && type <= 44)
                || (type >= 48 && type <= 55);
    }

    private static boolean firstSliceOfPicture(Codec codec, byte[] nal) {
        int flagByte = codec == Codec.H264 ? 1 : 2; // first bit of first_mb_in_slice ue(v) is 1 iff it is 0
        return nal.length > flagByte && (nal[flagByte] & 0x80) != 0;
    }

    /** NAL units between start codes ({@code 00 00 01}), trailing zero bytes removed. */
    static List<byte[]> nalUnits(byte[] s) {
        List<byte[]> nals = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i + 2 < s.length) {
            if (s[i] == 0 && s[i + 1] == 0 && s[i + 2] == 1) {
                if (start >= 0) {
                    addTrimmed(nals, s, start, i);
                }
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        if (start >= 0) {
            addTrimmed(nals, s, start, s.length);
        }
        return nals;
    }

    private static void addTrimmed(List<byte[]> nals, byte[] s, int from, int to) {
        int end = to;
        while (end > from && s[end - 1] == 0) {
            end--;
        }
        if (end > from) {
            nals.add(Arrays.copyOfRange(s, from, end));
        }
    }
}
