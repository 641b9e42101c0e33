package dev.vigil.ingest.h265;

import dev.vigil.core.error.VigilException;
import dev.vigil.ingest.h264.BitReader;
import dev.vigil.ingest.h264.SpsInfo;
import dev.vigil.ingest.rtp.NalSyntax;

/**
 * Reads profile, level and the displayed size from an H.265 sequence parameter set (ITU-T H.265
 * section 7.3.2.2: profile_tier_level, chroma format, picture size, conformance window). Pure.
 */
public final class H265SpsParser {
    private H265SpsParser() {}

    /** @throws VigilException INVALID_ARGUMENT when {@code nal} is not a readable H.265 SPS */
    public static SpsInfo parse(byte[] nal) {
        if (nal.length < 4 || NalSyntax.H265.type(nal[0]) != H265NalType.SPS) {
            throw VigilException.invalid("not an H.265 SPS NAL unit (" + nal.length + " bytes, type "
                    + (nal.length > 0 ? NalSyntax.H265.type(nal[0]) : -1) + ")");
        }
        try {
            return read(BitReader.ofNal(nal));
        } catch (IndexOutOfBoundsException e) {
            throw VigilException.invalid("H.265 SPS of " + nal.length + " bytes ends early");
        }
    }

    private static SpsInfo read(BitReader b) {
        b.skip(16); // NAL unit header
        b.skip(4); // sps_video_parameter_set_id
        int maxSubLayersMinus1 = b.u(3);
        b.skip(1); // sps_temporal_id_nesting_flag
        // profile_tier_level(1, maxSubLayersMinus1), section 7.3.3
        b.skip(2); // general_profile_space
        b.skip(1); // general_tier_flag
        int profile = b.u(5);
        b.skip(32); // general_profile_compatibility_flag[32]
        b.skip(4); // progressive, interlaced, non-packed, frame-only
        b.skip(43); // constraint flags and reserved bits
        b.skip(1); // general_inbld_flag or reserved
        int level = b.u(8);
        boolean[] profilePresent = new boolean[maxSubLayersMinus1];
        boolean[] levelPresent = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            profilePresent[i] = b.u(1) == 1;
            levelPresent[i] = b.u(1) == 1;
        }
        if (maxSubLayersMinus1 > 0) {
            for (int i = maxSubLayersMinus1; i < 8; i++) {
                b.skip(2); // reserved_zero_2bits
            }
        }
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            if (profilePresent[i]) {
                b.skip(88);
            }
            if (levelPresent[i]) {
                b.skip(8);
            }
        }
        b.ue(); // sps_seq_parameter_set_id
        int chromaFormat = b.ue();
        if (chromaFormat == 3) {
            b.skip(1); // separate_colour_plane_flag
        }
        int width = b.ue();
        int height = b.ue();
        if (b.u(1) == 1) { // conformance_window_flag
            int subWidth = chromaFormat == 1 || chromaFormat == 2 ? 2 : 1;
            int subHeight = chromaFormat == 1 ? 2 : 1;
            int left = b.ue();
            int right = b.ue();
            int top = b.ue();
            int bottom = b.ue();
            width -= subWidth * (left + right);
            height -= subHeight * (top + bottom);
        }
        if (width < 1 || height < 1 || width > 16_384 || height > 16_384) {
            throw VigilException.invalid("H.265 SPS size " + width + "x" + height + " is out of range");
        }
        return new SpsInfo(profile, 0, level, width, height);
    }
}
