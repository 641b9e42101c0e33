package dev.vigil.ingest.h265;

import dev.vigil.ingest.h264.AnnexB;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an H.265 Annex B byte stream (such as {@code ffmpeg -bsf:v hevc_mp4toannexb -f hevc}
 * writes) into access units, each a list of NAL units without start codes in decoding order.
 * Pure: bytes in, lists out. For tests and for a file-based simulator.
 *
 * <p>Implementation note: H.265 section 7.4.2.4.4. Once the current access unit holds a VCL NAL
 * unit, a new one begins at an access unit delimiter, a VPS, SPS, PPS or prefix SEI (or types 41 to
 * 44, 48 to 55), or at a VCL NAL unit whose {@code first_slice_segment_in_pic_flag} (the first bit
 * after the 2-byte header) is set. Suffix SEI, filler data, end of sequence and end of bitstream
 * stay with the picture they follow. NAL units before the first VCL unit open the first access
 * unit; a tail without any VCL unit is returned as it is.
 */
public final class H265AccessUnitSplitter {
    private H265AccessUnitSplitter() {}

    public static List<List<byte[]>> split(byte[] annexB) {
        List<List<byte[]>> units = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        boolean hasVcl = false;
        for (byte[] nal : AnnexB.split(annexB)) {
            if (nal.length < 2) {
                continue; // not a NAL unit: no room for the header
            }
            int type = H265NalType.of(nal[0]);
            boolean vcl = H265NalType.isVcl(type);
            boolean firstSlice = vcl && nal.length > 2 && (nal[2] & 0x80) != 0;
            if (hasVcl && (H265NalType.startsAccessUnit(type) || firstSlice)) {
                units.add(List.copyOf(current));
                current = new ArrayList<>();
                hasVcl = false;
            }
            current.add(nal);
            hasVcl |= vcl;
        }
        if (!current.isEmpty()) {
            units.add(List.copyOf(current));
        }
        return units;
    }
}
