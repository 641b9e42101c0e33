package dev.vigil.ingest.h264;

/**
 * H.264 NAL unit types that the gateway looks at (ITU-T H.264 table 7-1) and the RTP payload
 * types of RFC 6184 section 5.2. Plain constants: the header is a byte on the hot path.
 */
public final class NalType {
    private NalType() {}

    public static final int NON_IDR_SLICE = 1;
    public static final int IDR_SLICE = 5;
    public static final int SEI = 6;
    public static final int SPS = 7;
    public static final int PPS = 8;
    public static final int AUD = 9;
    /** RFC 6184 single-time aggregation packet. */
    public static final int STAP_A = 24;
    public static final int STAP_B = 25;
    public static final int MTAP16 = 26;
    public static final int MTAP24 = 27;
    /** RFC 6184 fragmentation unit without DON. */
    public static final int FU_A = 28;
    public static final int FU_B = 29;

    /** The {@code nal_unit_type} of a NAL unit header byte. */
    public static int of(byte header) {
        return header & 0x1f;
    }

    /** Whether the type carries a coded slice (VCL NAL unit, types 1 to 5). */
    public static boolean isVcl(int type) {
        return type >= NON_IDR_SLICE && type <= IDR_SLICE;
    }
}
