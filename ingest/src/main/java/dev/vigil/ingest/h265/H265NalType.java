package dev.vigil.ingest.h265;

/**
 * H.265 NAL unit types that the gateway looks at (ITU-T H.265 table 7-1) and the RTP payload
 * structures of RFC 7798 section 4.4. Plain constants: the header is read on the hot path.
 *
 * <p>The NAL unit header is two bytes: {@code F(1) Type(6) LayerId(6) TID(3)}, with
 * {@code nuh_temporal_id_plus1} (TID) never zero in a valid header.
 */
public final class H265NalType {
    private H265NalType() {}

    public static final int TRAIL_N = 0;
    public static final int TRAIL_R = 1;
    /** First IRAP type (BLA_W_LP); IRAP pictures are types 16 to 23 (22, 23 reserved). */
    public static final int BLA_W_LP = 16;
    public static final int IDR_W_RADL = 19;
    public static final int IDR_N_LP = 20;
    public static final int CRA_NUT = 21;
    public static final int RSV_IRAP_23 = 23;
    public static final int VPS = 32;
    public static final int SPS = 33;
    public static final int PPS = 34;
    public static final int AUD = 35;
    public static final int EOS = 36;
    public static final int EOB = 37;
    public static final int FD = 38;
    public static final int PREFIX_SEI = 39;
    public static final int SUFFIX_SEI = 40;
    /** RFC 7798 aggregation packet. */
    public static final int AP = 48;
    /** RFC 7798 fragmentation unit. */
    public static final int FU = 49;
    /** RFC 7798 payload content information (not supported: counted and dropped). */
    public static final int PACI = 50;

    /** The {@code nal_unit_type} of the first header byte. */
    public static int of(byte header0) {
        return (header0 >> 1) & 0x3f;
    }

    /** Whether the type is a coded slice segment (VCL, types 0 to 31). */
    public static boolean isVcl(int type) {
        return type >= 0 && type <= 31;
    }

    /**
     * Whether the type is an IRAP picture (types 16 to 23: BLA, IDR, CRA and the reserved IRAP
     * types). Quirk 34: after the first IDR, keyframes are usually CRA (type 21).
     */
    public static boolean isIrap(int type) {
        return type >= BLA_W_LP && type <= RSV_IRAP_23;
    }

    /**
     * Whether a NAL unit of this type begins a new access unit when it follows a VCL NAL unit of the
     * current one (H.265 section 7.4.2.4.4): AUD, VPS, SPS, PPS, prefix SEI, and types 41 to 44 and
     * 48 to 55 (reserved / unspecified in the codec, never in an RTP payload as such).
     */
    public static boolean startsAccessUnit(int type) {
        return (type >= VPS && type <= AUD) || type == PREFIX_SEI || (type >= 41 && type <= 44)
                || (type >= 48 && type <= 55);
    }

    /**
     * Whether the second header byte can start a valid NAL unit header: {@code nuh_temporal_id_plus1}
     * is never 0 (section 7.4.2.2), so a payload starting {@code 00 00} is an Annex B start code.
     */
    public static boolean validTemporalId(byte header1) {
        return (header1 & 0x07) != 0;
    }
}
