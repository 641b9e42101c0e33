package dev.vigil.storage.mp4;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.ParameterSets;
import dev.vigil.core.codec.H264Sps;
import dev.vigil.core.codec.H265Sps;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What the sample entry of one video track says, derived from the parameter sets: the sample
 * entry type, the decoder configuration record, the picture size and the RFC 6381 codec string.
 *
 * @param sampleEntryType {@code avc1} or {@code hvc1}
 * @param configBoxType {@code avcC} or {@code hvcC}
 * @param configRecord the decoder configuration record (the config box's payload)
 * @param width displayed width in pixels
 * @param height displayed height in pixels
 * @param codecString RFC 6381 {@code codecs} parameter, e.g. {@code avc1.4d401f}
 * @param frameRate from the SPS VUI timing info, when present (H.264 only)
 */
record VideoTrackFormat(
        String sampleEntryType,
        String configBoxType,
        byte[] configRecord,
        int width,
        int height,
        String codecString,
        OptionalDouble frameRate) {

    /** NAL unit length fields in samples are 4 bytes ({@code lengthSizeMinusOne = 3}). */
    static final int NAL_LENGTH_SIZE = 4;

    VideoTrackFormat {
        Objects.requireNonNull(sampleEntryType, "sampleEntryType");
        Objects.requireNonNull(configBoxType, "configBoxType");
        Objects.requireNonNull(configRecord, "configRecord");
        Objects.requireNonNull(codecString, "codecString");
        Objects.requireNonNull(frameRate, "frameRate");
    }

    static VideoTrackFormat of(ParameterSets ps) {
        return ps.codec() == Codec.H264 ? avc(ps) : hevc(ps);
    }

    /** ISO/IEC 14496-15 clause 5.3.3.1: AVCDecoderConfigurationRecord. */
    private static VideoTrackFormat avc(ParameterSets ps) {
        H264Sps sps = H264Sps.parse(ps.sps());
        checkLength("SPS", ps.sps());
        checkLength("PPS", ps.pps());
        BoxWriter w = new BoxWriter(64 + ps.sps().length + ps.pps().length);
        w.u8(1); // configurationVersion
        w.u8(sps.profileIdc());
        w.u8(sps.constraintFlags());
        w.u8(sps.levelIdc());
        w.u8(0xFC | (NAL_LENGTH_SIZE - 1));
        w.u8(0xE0 | 1); // numOfSequenceParameterSets
        w.u16(ps.sps().length);
        w.bytes(ps.sps());
        w.u8(1); // numOfPictureParameterSets
        w.u16(ps.pps().length);
        w.bytes(ps.pps());
        if (sps.signalsChromaFormat()) {
            w.u8(0xFC | sps.chromaFormatIdc());
            w.u8(0xF8 | (sps.bitDepthLuma() - 8));
            w.u8(0xF8 | (sps.bitDepthChroma() - 8));
            w.u8(0); // numOfSequenceParameterSetExt
        }
        String codecs = String.format(Locale.ROOT, "avc1.%02x%02x%02x",
                sps.profileIdc(), sps.constraintFlags(), sps.levelIdc());
        return new VideoTrackFormat("avc1", "avcC", w.toByteArray(), sps.width(), sps.height(), codecs,
                sps.frameRate());
    }

    /** ISO/IEC 14496-15 clause 8.3.3.1: HEVCDecoderConfigurationRecord. */
    private static VideoTrackFormat hevc(ParameterSets ps) {
        H265Sps sps = H265Sps.parse(ps.sps());
        checkLength("VPS", ps.vps());
        checkLength("SPS", ps.sps());
        checkLength("PPS", ps.pps());
        BoxWriter w = new BoxWriter(64 + ps.vps().length + ps.sps().length + ps.pps().length);
        w.u8(1); // configurationVersion
        w.u8((sps.generalProfileSpace() << 6) | (sps.generalTierFlag() ? 0x20 : 0) | sps.generalProfileIdc());
        w.u32(sps.generalProfileCompatibilityFlags() & 0xFFFF_FFFFL);
        w.u16((int) (sps.generalConstraintIndicatorFlags() >>> 32));
        w.u32(sps.generalConstraintIndicatorFlags() & 0xFFFF_FFFFL);
        w.u8(sps.generalLevelIdc());
        w.u16(0xF000); // reserved '1111' + min_spatial_segmentation_idc 0 (unknown)
        w.u8(0xFC); // reserved + parallelismType 0 (unknown)
        w.u8(0xFC | sps.chromaFormatIdc());
        w.u8(0xF8 | (sps.bitDepthLuma() - 8));
        w.u8(0xF8 | (sps.bitDepthChroma() - 8));
        w.u16(0); // avgFrameRate: unspecified
        w.u8((sps.maxSubLayers() << 3) | (sps.temporalIdNesting() ? 0x04 : 0) | (NAL_LENGTH_SIZE - 1));
        w.u8(3); // numOfArrays
        // hvc1: array_completeness = 1, all parameter sets are here and none in the samples.
        writeNalArray(w, 32, ps.vps());
        writeNalArray(w, 33, ps.sps());
        writeNalArray(w, 34, ps.pps());
        return new VideoTrackFormat("hvc1", "hvcC", w.toByteArray(), sps.width(), sps.height(),
                hevcCodecString(sps), OptionalDouble.empty());
    }

    private static void writeNalArray(BoxWriter w, int nalType, byte[] nal) {
        w.u8(0x80 | nalType);
        w.u16(1);
        w.u16(nal.length);
        w.bytes(nal);
    }

    /** ISO/IEC 14496-15 Annex E.3: {@code hvc1.[A-C]<profile>.<compat reversed>.<L|H><level>.<constraints>}. */
    static String hevcCodecString(H265Sps sps) {
        StringBuilder s = new StringBuilder("hvc1.");
        if (sps.generalProfileSpace() > 0) {
            s.append((char) ('A' + sps.generalProfileSpace() - 1));
        }
        s.append(sps.generalProfileIdc()).append('.');
        s.append(Integer.toHexString(Integer.reverse(sps.generalProfileCompatibilityFlags())).toUpperCase(Locale.ROOT));
        s.append('.').append(sps.generalTierFlag() ? 'H' : 'L').append(sps.generalLevelIdc());
        long constraints = sps.generalConstraintIndicatorFlags();
        int lastNonZero = -1;
        for (int i = 0; i < 6; i++) {
            if (((constraints >>> (40 - 8 * i)) & 0xFF) != 0) {
                lastNonZero = i;
            }
        }
        for (int i = 0; i <= lastNonZero; i++) {
            s.append('.').append(Long.toHexString((constraints >>> (40 - 8 * i)) & 0xFF).toUpperCase(Locale.ROOT));
        }
        return s.toString();
    }

    private static void checkLength(String what, byte[] nal) {
        if (nal.length == 0 || nal.length > 0xFFFF) {
            throw VigilException.invalid(what + " of " + nal.length
                    + " bytes does not fit a decoder configuration record (1..65535)");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VideoTrackFormat f && sampleEntryType.equals(f.sampleEntryType)
                && Arrays.equals(configRecord, f.configRecord) && width == f.width && height == f.height
                && codecString.equals(f.codecString) && frameRate.equals(f.frameRate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sampleEntryType, Arrays.hashCode(configRecord), width, height, codecString);
    }

    @Override
    public String toString() {
        return "VideoTrackFormat[" + codecString + " " + width + "x" + height + "]";
    }
}
