package dev.vigil.ingest.h264;

import dev.vigil.core.error.VigilException;

/**
 * A minimal H.264 SPS parser (ITU-T H.264 section 7.3.2.1.1): profile, level and the cropped
 * picture size. Pure: a NAL unit in, an {@link SpsInfo} or a {@link VigilException}
 * (INVALID_ARGUMENT) out.
 *
 * <p>Implementation note: emulation prevention bytes ({@code 00 00 03}, section 7.4.1) are
 * removed first; scaling lists are walked (section 7.3.2.1.1.1) but not kept; the size is
 * {@code (pic_width_in_mbs_minus1 + 1) * 16} by {@code (2 - frame_mbs_only_flag) *
 * (pic_height_in_map_units_minus1 + 1) * 16}, less the frame cropping in chroma units (table 6-1).
 */
public final class SpsParser {
    private SpsParser() {}

    public static SpsInfo parse(byte[] nal) {
        if (nal.length < 4 || NalType.of(nal[0]) != NalType.SPS) {
            throw VigilException.invalid("not an SPS NAL unit (" + nal.length + " bytes, type "
                    + (nal.length > 0 ? NalType.of(nal[0]) : -1) + ")");
        }
        try {
            return read(BitReader.ofNal(nal));
        } catch (IndexOutOfBoundsException e) {
            throw VigilException.invalid("SPS of " + nal.length + " bytes ends early");
        }
    }

    private static SpsInfo read(BitReader b) {
        b.skip(8); // NAL header
        int profile = b.u(8);
        int constraints = b.u(8);
        int level = b.u(8);
        b.ue(); // seq_parameter_set_id
        int chromaFormat = 1;
        boolean separateColourPlanes = false;
        if (profile == 100 || profile == 110 || profile == 122 || profile == 244 || profile == 44 || profile == 83
                || profile == 86 || profile == 118 || profile == 128 || profile == 138 || profile == 139
                || profile == 134 || profile == 135) {
            chromaFormat = b.ue();
            if (chromaFormat == 3) {
                separateColourPlanes = b.u(1) == 1;
            }
            b.ue(); // bit_depth_luma_minus8
            b.ue(); // bit_depth_chroma_minus8
            b.skip(1); // qpprime_y_zero_transform_bypass_flag
            if (b.u(1) == 1) { // seq_scaling_matrix_present_flag
                for (int i = 0; i < (chromaFormat != 3 ? 8 : 12); i++) {
                    if (b.u(1) == 1) {
                        skipScalingList(b, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        b.ue(); // log2_max_frame_num_minus4
        int pocType = b.ue();
        if (pocType == 0) {
            b.ue(); // log2_max_pic_order_cnt_lsb_minus4
        } else if (pocType == 1) {
            b.skip(1); // delta_pic_order_always_zero_flag
            b.se(); // offset_for_non_ref_pic
            b.se(); // offset_for_top_to_bottom_field
            int cycle = b.ue();
            if (cycle > 255) {
                throw VigilException.invalid("SPS num_ref_frames_in_pic_order_cnt_cycle " + cycle + " > 255");
            }
            for (int i = 0; i < cycle; i++) {
                b.se();
            }
        }
        b.ue(); // max_num_ref_frames
        b.skip(1); // gaps_in_frame_num_value_allowed_flag
        int widthMbs = b.ue() + 1;
        int heightMapUnits = b.ue() + 1;
        int frameMbsOnly = b.u(1);
        if (frameMbsOnly == 0) {
            b.skip(1); // mb_adaptive_frame_field_flag
        }
        b.skip(1); // direct_8x8_inference_flag
        int width = widthMbs * 16;
        int height = (2 - frameMbsOnly) * heightMapUnits * 16;
        if (b.u(1) == 1) { // frame_cropping_flag
            int left = b.ue();
            int right = b.ue();
            int top = b.ue();
            int bottom = b.ue();
            int arrayType = separateColourPlanes ? 0 : chromaFormat;
            int cropX = arrayType == 0 ? 1 : (arrayType == 3 ? 1 : 2);
            int cropY = (arrayType == 0 ? 1 : (arrayType == 1 ? 2 : 1)) * (2 - frameMbsOnly);
            width -= (left + right) * cropX;
            height -= (top + bottom) * cropY;
        }
        if (width < 1 || height < 1 || width > 16384 || height > 16384) {
            throw VigilException.invalid("SPS gives an implausible size " + width + "x" + height);
        }
        return new SpsInfo(profile, constraints, level, width, height);
    }

    private static void skipScalingList(BitReader b, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                next = (last + b.se() + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }
}
