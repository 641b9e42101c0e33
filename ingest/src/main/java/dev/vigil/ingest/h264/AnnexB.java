package dev.vigil.ingest.h264;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an ITU-T H.264 Annex B byte stream (NAL units separated by {@code 00 00 01} or
 * {@code 00 00 00 01} start codes) into NAL units without start codes. Pure: no I/O.
 *
 * <p>Implementation note: a start code is found by scanning for {@code 00 00 01}; the zero byte
 * before it (the 4-byte form) and any trailing zero bytes of the previous NAL unit
 * ({@code trailing_zero_8bits}, Annex B.1) are dropped. Emulation prevention guarantees that
 * {@code 00 00 01} never occurs inside a NAL unit (section 7.4.1).
 */
public final class AnnexB {
    private AnnexB() {}

    /** Whether {@code data} begins with a 3- or 4-byte start code. */
    public static boolean startsWithStartCode(byte[] data, int offset, int length) {
        if (length >= 3 && data[offset] == 0 && data[offset + 1] == 0 && data[offset + 2] == 1) {
            return true;
        }
        return length >= 4 && data[offset] == 0 && data[offset + 1] == 0 && data[offset + 2] == 0
                && data[offset + 3] == 1;
    }

    /**
     * Splits {@code data[offset, offset+length)} into NAL units. Bytes before the first start code
     * are returned as a NAL unit of their own when they are not all zero (so a payload without any
     * start code comes back whole). Empty NAL units are skipped.
     */
    public static List<byte[]> split(byte[] data, int offset, int length) {
        List<byte[]> out = new ArrayList<>();
        int end = offset + length;
        int nalStart = offset;
        int i = offset;
        while (i + 2 < end) {
            if (data[i + 2] > 1) {
                i += 3;
            } else if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                addTrimmed(out, data, nalStart, i);
                i += 3;
                nalStart = i;
            } else {
                i++;
            }
        }
        addTrimmed(out, data, nalStart, end);
        return out;
    }

    /** Splits a whole array; see {@link #split(byte[], int, int)}. */
    public static List<byte[]> split(byte[] data) {
        return split(data, 0, data.length);
    }

    private static void addTrimmed(List<byte[]> out, byte[] data, int from, int to) {
        while (to > from && data[to - 1] == 0) {
            to--; // the leading zero of a 4-byte start code, or trailing_zero_8bits
        }
        if (to > from) {
            out.add(Arrays.copyOfRange(data, from, to));
        }
    }
}
