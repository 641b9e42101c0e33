package dev.vigil.core.codec;

import dev.vigil.core.model.Codec;
import dev.vigil.core.model.ParameterSets;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What an operator wants to know of a stream from its sequence parameter set, either codec.
 *
 * @param codec H.264 or H.265
 * @param profileIdc {@code profile_idc} (H.264) or {@code general_profile_idc} (H.265)
 * @param level the level as written in documentation, e.g. 3.1 (H.264 {@code level_idc / 10},
 *     H.265 {@code general_level_idc / 30})
 * @param width displayed width in pixels
 * @param height displayed height in pixels
 * @param frameRate the frame rate the SPS declares (H.264 VUI timing), empty when it declares none
 */
public record SequenceInfo(Codec codec, int profileIdc, double level, int width, int height,
        OptionalDouble frameRate) {

    public SequenceInfo {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(frameRate, "frameRate");
    }

    /**
     * Parses the SPS of {@code sets}.
     *
     * @throws dev.vigil.core.error.VigilException {@code INVALID_ARGUMENT} for an unreadable SPS
     */
    public static SequenceInfo of(ParameterSets sets) {
        if (sets.codec() == Codec.H264) {
            H264Sps sps = H264Sps.parse(sets.sps());
            return new SequenceInfo(Codec.H264, sps.profileIdc(), sps.levelIdc() / 10.0, sps.width(), sps.height(),
                    sps.frameRate());
        }
        H265Sps sps = H265Sps.parse(sets.sps());
        return new SequenceInfo(Codec.H265, sps.generalProfileIdc(), sps.generalLevelIdc() / 30.0, sps.width(),
                sps.height(), OptionalDouble.empty());
    }
}
