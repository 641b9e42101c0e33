package dev.vigil.ingest.rtp;

import dev.vigil.core.model.Codec;
import dev.vigil.ingest.h264.NalType;
import dev.vigil.ingest.h265.H265NalType;

/**
 * What the RTP depacketizer needs to know of a codec's NAL units and payload formats:
 * H.264 (ITU-T H.264 table 7-1, RFC 6184) and H.265 (ITU-T H.265 table 7-1, RFC 7798).
 */
public enum NalSyntax {
    /** One-byte NAL header; STAP-A (24) and FU-A (28). */
    H264(1, NalType.STAP_A, NalType.FU_A),
    /** Two-byte NAL header; AP (48) and FU (49); PACI (50) is not used by Vigil. */
    H265(2, H265NalType.AP, H265NalType.FU);

    private final int headerBytes;
    private final int aggregationType;
    private final int fragmentationType;

    NalSyntax(int headerBytes, int aggregationType, int fragmentationType) {
        this.headerBytes = headerBytes;
        this.aggregationType = aggregationType;
        this.fragmentationType = fragmentationType;
    }

    public static NalSyntax of(Codec codec) {
        return codec == Codec.H264 ? H264 : H265;
    }

    /** Bytes of the NAL unit header: 1 or 2. */
    public int headerBytes() {
        return headerBytes;
    }

    /** The type of the NAL unit (or payload structure) starting at {@code b[0]}. */
    public int type(byte first) {
        return this == H264 ? first & 0x1f : (first >> 1) & 0x3f;
    }

    /** Whether {@code type} is a NAL unit carried whole in one packet (single NAL unit packet). */
    public boolean isSingleNal(int type) {
        return this == H264 ? type >= 1 && type <= 23 : type <= 47;
    }

    public boolean isAggregation(int type) {
        return type == aggregationType;
    }

    public boolean isFragmentation(int type) {
        return type == fragmentationType;
    }

    /** Whether the type is a coded slice (VCL). */
    public boolean isVcl(int type) {
        return this == H264 ? type >= 1 && type <= 5 : type <= 31;
    }

    /**
     * Whether the type starts a random access point: IDR for H.264; IRAP (BLA, IDR, CRA, types
     * 16 to 23) for H.265 (quirk 34: after the first IDR, keyframes may be CRA).
     */
    public boolean isKeyframe(int type) {
        return this == H264 ? type == 5 : type >= 16 && type <= 23;
    }

    /**
     * The header of the NAL unit that a fragmentation unit carries, rebuilt from the packet's
     * payload header and the FU header (RFC 6184 section 5.8, RFC 7798 section 4.4.3).
     */
    public byte[] fragmentedNalHeader(byte[] payload, int fuHeader) {
        if (this == H264) {
            return new byte[] {(byte) ((payload[0] & 0xe0) | (fuHeader & 0x1f))};
        }
        return new byte[] {(byte) ((payload[0] & 0x81) | ((fuHeader & 0x3f) << 1)), payload[1]};
    }
}
