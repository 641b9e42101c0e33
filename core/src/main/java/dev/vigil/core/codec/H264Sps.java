package dev.vigil.core.codec;

import dev.vigil.core.error.VigilException;
import java.util.OptionalDouble;

/**
 * The fields of an H.264 sequence parameter set that a muxer needs (ITU-T H.264 clause 7.3.2.1.1).
 *
 * @param profileIdc {@code profile_idc}, e.g. 66 Baseline, 77 Main, 100 High
 * @param constraintFlags the byte after {@code profile_idc}: {@code constraint_set0..5_flag} and
 *     the two reserved bits, as {@code avcC}'s {@code profile_compatibility} carries it
 * @param levelIdc {@code level_idc}, e.g. 31 for level 3.1
 * @param chromaFormatIdc 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4 (1 when the profile cannot signal it)
 * @param bitDepthLuma 8 to 14
 * @param bitDepthChroma 8 to 14
 * @param width displayed width in pixels, after the frame cropping rectangle
 * @param height displayed height in pixels, after cropping (frames, not fields)
 * @param numUnitsInTick VUI {@code num_units_in_tick}, 0 when the SPS carries no timing info
 * @param timeScale VUI {@code time_scale}, 0 when the SPS carries no timing info
 */
public record H264Sps(
        int profileIdc,
        int constraintFlags,
        int levelIdc,
        int chromaFormatIdc,
        int bitDepthLuma,
        int bitDepthChroma,
        int width,
        int height,
        long numUnitsInTick,
        long timeScale) {

    private static final int NAL_TYPE_SPS = 7;

    public H264Sps {
        checkRange("profile_idc", profileIdc, 0, 255);
        checkRange("constraint flags", constraintFlags, 0, 255);
        checkRange("level_idc", levelIdc, 0, 255);
        checkRange("chroma_format_idc", chromaFormatIdc, 0, 3);
        checkRange("luma bit depth", bitDepthLuma, 8, 14);
        checkRange("chroma bit depth", bitDepthChroma, 8, 14);
        checkRange("width", width, 1, 65535);
        checkRange("height", height, 1, 65535);
        if (numUnitsInTick < 0 || timeScale < 0) {
            throw VigilException.invalid("H.264 SPS: negative timing info " + numUnitsInTick + "/" + timeScale);
        }
    }

    /**
     * Parses an SPS NAL unit (without start code, with its one-byte header).
     *
     * @throws VigilException {@code INVALID_ARGUMENT} if it is not an SPS, is truncated, or
     *     describes an impossible picture
     */
    public static H264Sps parse(byte[] nal) {
        if (nal.length < 4 || (nal[0] & 0x1F) != NAL_TYPE_SPS) {
            throw VigilException.invalid("H.264 SPS: expected NAL type 7 of at least 4 bytes, got type "
                    + (nal.length == 0 ? "none" : (nal[0] & 0x1F)) + " of " + nal.length + " bytes");
        }
        RbspBitReader r = new RbspBitReader(nal, 1, "H.264 SPS");
        int profileIdc = r.intBits(8);
        int constraintFlags = r.intBits(8);
        int levelIdc = r.intBits(8);
        r.ue(); // seq_parameter_set_id
        int chromaFormatIdc = 1;
        boolean separateColourPlanes = false;
        int bitDepthLuma = 8;
        int bitDepthChroma = 8;
        if (hasChromaInfo(profileIdc)) {
            chromaFormatIdc = r.ue();
            if (chromaFormatIdc > 3) {
                throw VigilException.invalid("H.264 SPS: chroma_format_idc " + chromaFormatIdc + " out of range 0..3");
            }
            if (chromaFormatIdc == 3) {
                separateColourPlanes = r.flag();
            }
            bitDepthLuma = 8 + r.ue();
            bitDepthChroma = 8 + r.ue();
            r.flag(); // qpprime_y_zero_transform_bypass_flag
            if (r.flag()) { // seq_scaling_matrix_present_flag
                int lists = chromaFormatIdc == 3 ? 12 : 8;
                for (int i = 0; i < lists; i++) {
                    if (r.flag()) {
                        skipScalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        r.ue(); // log2_max_frame_num_minus4
        int picOrderCntType = r.ue();
        if (picOrderCntType == 0) {
            r.ue(); // log2_max_pic_order_cnt_lsb_minus4
        } else if (picOrderCntType == 1) {
            r.flag(); // delta_pic_order_always_zero_flag
            r.se(); // offset_for_non_ref_pic
            r.se(); // offset_for_top_to_bottom_field
            int cycle = r.ue();
            if (cycle > 255) {
                throw VigilException.invalid("H.264 SPS: num_ref_frames_in_pic_order_cnt_cycle " + cycle + " > 255");
            }
            for (int i = 0; i < cycle; i++) {
                r.se();
            }
        }
        r.ue(); // max_num_ref_frames
        r.flag(); // gaps_in_frame_num_value_allowed_flag
        long widthInMbs = r.ue() + 1L;
        long heightInMapUnits = r.ue() + 1L;
        boolean frameMbsOnly = r.flag();
        if (!frameMbsOnly) {
            r.flag(); // mb_adaptive_frame_field_flag
        }
        r.flag(); // direct_8x8_inference_flag
        long cropLeft = 0;
        long cropRight = 0;
        long cropTop = 0;
        long cropBottom = 0;
        if (r.flag()) { // frame_cropping_flag
            cropLeft = r.ue();
            cropRight = r.ue();
            cropTop = r.ue();
            cropBottom = r.ue();
        }
        long numUnitsInTick = 0;
        long timeScale = 0;
        if (r.flag()) { // vui_parameters_present_flag (Annex E.1.1)
            if (r.flag()) { // aspect_ratio_info_present_flag
                if (r.intBits(8) == 255) { // Extended_SAR
                    r.skip(32); // sar_width, sar_height
                }
            }
            if (r.flag()) { // overscan_info_present_flag
                r.flag();
            }
            if (r.flag()) { // video_signal_type_present_flag
                r.skip(4); // video_format, video_full_range_flag
                if (r.flag()) { // colour_description_present_flag
                    r.skip(24);
                }
            }
            if (r.flag()) { // chroma_loc_info_present_flag
                r.ue();
                r.ue();
            }
            if (r.flag()) { // timing_info_present_flag
                numUnitsInTick = r.bits(32);
                timeScale = r.bits(32);
            }
        }
        // Clause 7.4.2.1.1: ChromaArrayType is 0 with separate colour planes; crop units follow it.
        int chromaArrayType = separateColourPlanes ? 0 : chromaFormatIdc;
        int subWidthC = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
        int subHeightC = chromaArrayType == 1 ? 2 : 1;
        int fieldFactor = frameMbsOnly ? 1 : 2;
        long cropUnitX = chromaArrayType == 0 ? 1 : subWidthC;
        long cropUnitY = (chromaArrayType == 0 ? 1 : subHeightC) * (long) fieldFactor;
        long width = widthInMbs * 16 - cropUnitX * (cropLeft + cropRight);
        long height = fieldFactor * heightInMapUnits * 16 - cropUnitY * (cropTop + cropBottom);
        if (width < 1 || height < 1 || width > 65535 || height > 65535) {
            throw VigilException.invalid("H.264 SPS: impossible picture " + width + "x" + height + " ("
                    + widthInMbs + "x" + heightInMapUnits + " macroblocks, crop " + cropLeft + "," + cropRight
                    + "," + cropTop + "," + cropBottom + ")");
        }
        return new H264Sps(profileIdc, constraintFlags, levelIdc, chromaFormatIdc, bitDepthLuma, bitDepthChroma,
                (int) width, (int) height, numUnitsInTick, timeScale);
    }

    /**
     * Frames per second from the VUI timing info: {@code time_scale / (2 * num_units_in_tick)}
     * (clause E.2.1: a tick is one field period); empty when the SPS carries none.
     */
    public OptionalDouble frameRate() {
        if (numUnitsInTick == 0 || timeScale == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(timeScale / (2.0 * numUnitsInTick));
    }

    /**
     * Whether this SPS's profile signals chroma format and bit depth (High and above), which
     * {@code avcC} then repeats (ISO/IEC 14496-15 clause 5.3.3.1.2).
     */
    public boolean signalsChromaFormat() {
        return hasChromaInfo(profileIdc);
    }

    private static boolean hasChromaInfo(int profileIdc) {
        return switch (profileIdc) {
            case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135 -> true;
            default -> false;
        };
    }

    /** Clause 7.3.2.1.1.1: only the syntax is walked; the values do not matter to a muxer. */
    private static void skipScalingList(RbspBitReader r, int size) {
        int lastScale = 8;
        int nextScale = 8;
        for (int j = 0; j < size; j++) {
            if (nextScale != 0) {
                nextScale = (lastScale + r.se() + 256) % 256;
            }
            lastScale = nextScale == 0 ? lastScale : nextScale;
        }
    }

    private static void checkRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw VigilException.invalid("H.264 SPS: " + name + " " + value + " out of range " + min + ".." + max);
        }
    }
}
