package dev.vigil.core.codec;

import dev.vigil.core.error.VigilException;

/**
 * The fields of an H.265 sequence parameter set that a muxer needs (ITU-T H.265 clause 7.3.2.2):
 * the general {@code profile_tier_level} (clause 7.3.3) that {@code hvcC} repeats, the picture
 * size after the conformance window, chroma format and bit depths.
 *
 * <p>The parse stops after the bit depths: the VUI (and its frame rate) sits behind the
 * short-term reference picture sets, which a stream-copy muxer has no other use for. Sample
 * durations come from the presentation times instead.
 *
 * @param generalProfileSpace {@code general_profile_space}, 0..3
 * @param generalTierFlag {@code general_tier_flag}: false Main tier, true High tier
 * @param generalProfileIdc {@code general_profile_idc}, e.g. 1 Main, 2 Main 10
 * @param generalProfileCompatibilityFlags the 32 {@code general_profile_compatibility_flag}s,
 *     flag 0 in the most significant bit (as written in the bitstream and in {@code hvcC})
 * @param generalConstraintIndicatorFlags the 48 bits from {@code general_progressive_source_flag}
 *     on, in the low 48 bits of the long
 * @param generalLevelIdc {@code general_level_idc}: 30 times the level, e.g. 93 for level 3.1
 * @param maxSubLayers {@code sps_max_sub_layers_minus1 + 1}, 1..7
 * @param temporalIdNesting {@code sps_temporal_id_nesting_flag}
 * @param chromaFormatIdc 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 * @param bitDepthLuma 8 to 16
 * @param bitDepthChroma 8 to 16
 * @param width displayed width in pixels, after the conformance window
 * @param height displayed height in pixels, after the conformance window
 */
public record H265Sps(
        int generalProfileSpace,
        boolean generalTierFlag,
        int generalProfileIdc,
        int generalProfileCompatibilityFlags,
        long generalConstraintIndicatorFlags,
        int generalLevelIdc,
        int maxSubLayers,
        boolean temporalIdNesting,
        int chromaFormatIdc,
        int bitDepthLuma,
        int bitDepthChroma,
        int width,
        int height) {

    private static final int NAL_TYPE_SPS = 33;

    public H265Sps {
        checkRange("general_profile_space", generalProfileSpace, 0, 3);
        checkRange("general_profile_idc", generalProfileIdc, 0, 31);
        checkRange("general constraint flags", generalConstraintIndicatorFlags, 0, (1L << 48) - 1);
        checkRange("general_level_idc", generalLevelIdc, 0, 255);
        checkRange("max sub-layers", maxSubLayers, 1, 7);
        checkRange("chroma_format_idc", chromaFormatIdc, 0, 3);
        checkRange("luma bit depth", bitDepthLuma, 8, 16);
        checkRange("chroma bit depth", bitDepthChroma, 8, 16);
        checkRange("width", width, 1, 65535);
        checkRange("height", height, 1, 65535);
    }

    /**
     * Parses an SPS NAL unit (without start code, with its two-byte header).
     *
     * @throws VigilException {@code INVALID_ARGUMENT} if it is not an SPS, is truncated, or
     *     describes an impossible picture
     */
    public static H265Sps parse(byte[] nal) {
        if (nal.length < 3 || ((nal[0] >> 1) & 0x3F) != NAL_TYPE_SPS) {
            throw VigilException.invalid("H.265 SPS: expected NAL type 33 of at least 3 bytes, got type "
                    + (nal.length == 0 ? "none" : ((nal[0] >> 1) & 0x3F)) + " of " + nal.length + " bytes");
        }
        RbspBitReader r = new RbspBitReader(nal, 2, "H.265 SPS");
        r.skip(4); // sps_video_parameter_set_id
        int maxSubLayersMinus1 = r.intBits(3);
        if (maxSubLayersMinus1 == 7) {
            throw VigilException.invalid("H.265 SPS: sps_max_sub_layers_minus1 is 7, at most 6 is allowed");
        }
        boolean temporalIdNesting = r.flag();

        // profile_tier_level(1, sps_max_sub_layers_minus1), clause 7.3.3
        int profileSpace = r.intBits(2);
        boolean tier = r.flag();
        int profileIdc = r.intBits(5);
        int compatibility = (int) r.bits(32);
        long constraints = (r.bits(16) << 32) | r.bits(32);
        int levelIdc = r.intBits(8);
        boolean[] subLayerProfilePresent = new boolean[maxSubLayersMinus1];
        boolean[] subLayerLevelPresent = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            subLayerProfilePresent[i] = r.flag();
            subLayerLevelPresent[i] = r.flag();
        }
        if (maxSubLayersMinus1 > 0) {
            r.skip(2 * (8 - maxSubLayersMinus1)); // reserved_zero_2bits
        }
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            if (subLayerProfilePresent[i]) {
                r.skip(88); // sub_layer profile space .. reserved bits
            }
            if (subLayerLevelPresent[i]) {
                r.skip(8); // sub_layer_level_idc
            }
        }

        r.ue(); // sps_seq_parameter_set_id
        int chromaFormatIdc = r.ue();
        if (chromaFormatIdc > 3) {
            throw VigilException.invalid("H.265 SPS: chroma_format_idc " + chromaFormatIdc + " out of range 0..3");
        }
        boolean separateColourPlanes = chromaFormatIdc == 3 && r.flag();
        long codedWidth = r.ue();
        long codedHeight = r.ue();
        long left = 0;
        long right = 0;
        long top = 0;
        long bottom = 0;
        if (r.flag()) { // conformance_window_flag
            left = r.ue();
            right = r.ue();
            top = r.ue();
            bottom = r.ue();
        }
        int bitDepthLuma = 8 + r.ue();
        int bitDepthChroma = 8 + r.ue();

        // Table 6-1: SubWidthC / SubHeightC; the window offsets count in those units.
        int chromaArrayType = separateColourPlanes ? 0 : chromaFormatIdc;
        int subWidthC = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
        int subHeightC = chromaArrayType == 1 ? 2 : 1;
        long width = codedWidth - subWidthC * (left + right);
        long height = codedHeight - subHeightC * (top + bottom);
        if (width < 1 || height < 1 || width > 65535 || height > 65535) {
            throw VigilException.invalid("H.265 SPS: impossible picture " + width + "x" + height + " (coded "
                    + codedWidth + "x" + codedHeight + ", window " + left + "," + right + "," + top + "," + bottom + ")");
        }
        return new H265Sps(profileSpace, tier, profileIdc, compatibility, constraints, levelIdc,
                maxSubLayersMinus1 + 1, temporalIdNesting, chromaFormatIdc, bitDepthLuma, bitDepthChroma,
                (int) width, (int) height);
    }

    private static void checkRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw VigilException.invalid("H.265 SPS: " + name + " " + value + " out of range " + min + ".." + max);
        }
    }
}
