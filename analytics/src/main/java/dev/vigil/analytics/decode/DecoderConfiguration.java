package dev.vigil.analytics.decode;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.ParameterSets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An MP4 sample entry's decoder configuration record, parsed: the parameter sets and the size of
 * the length prefix before each NAL unit of a sample. Pure: bytes in, record or
 * {@code INVALID_ARGUMENT} out, with the offending offset and sizes in the message.
 *
 * @param parameterSets the first VPS (H.265), SPS and PPS of the record
 * @param lengthSize bytes of each NAL unit's length prefix in samples: 1, 2 or 4
 */
record DecoderConfiguration(ParameterSets parameterSets, int lengthSize) {
    private static final int HEVC_VPS = 32;
    private static final int HEVC_SPS = 33;
    private static final int HEVC_PPS = 34;

    DecoderConfiguration {
        if (lengthSize != 1 && lengthSize != 2 && lengthSize != 4) {
            throw VigilException.invalid("NAL length size must be 1, 2 or 4, was " + lengthSize);
        }
    }

    /** An {@code avcC} record (ISO/IEC 14496-15 clause 5.3.3.1). */
    static DecoderConfiguration avcC(byte[] c) {
        Reader r = new Reader("avcC", c);
        r.skip(4); // version, profile, compatibility, level
        int lengthSize = (r.u8() & 0x3) + 1;
        int spsCount = r.u8() & 0x1f;
        byte[] sps = null;
        for (int i = 0; i < spsCount; i++) {
            byte[] nal = r.bytes(r.u16());
            sps = sps == null ? nal : sps;
        }
        int ppsCount = r.u8();
        byte[] pps = null;
        for (int i = 0; i < ppsCount; i++) {
            byte[] nal = r.bytes(r.u16());
            pps = pps == null ? nal : pps;
        }
        if (sps == null || pps == null) {
            throw VigilException.invalid("avcC of " + c.length + " bytes has " + spsCount + " SPS and " + ppsCount
                    + " PPS; need one of each");
        }
        return new DecoderConfiguration(new ParameterSets(Codec.H264, null, sps, pps), lengthSize);
    }

    /** An {@code hvcC} record (ISO/IEC 14496-15 clause 8.3.3.1). */
    static DecoderConfiguration hvcC(byte[] c) {
        Reader r = new Reader("hvcC", c);
        r.skip(21); // version .. avgFrameRate
        int lengthSize = (r.u8() & 0x3) + 1;
        int arrays = r.u8();
        byte[] vps = null;
        byte[] sps = null;
        byte[] pps = null;
        for (int a = 0; a < arrays; a++) {
            int type = r.u8() & 0x3f;
            int count = r.u16();
            for (int i = 0; i < count; i++) {
                byte[] nal = r.bytes(r.u16());
                if (type == HEVC_VPS && vps == null) {
                    vps = nal;
                } else if (type == HEVC_SPS && sps == null) {
                    sps = nal;
                } else if (type == HEVC_PPS && pps == null) {
                    pps = nal;
                }
            }
        }
        if (vps == null || sps == null || pps == null) {
            throw VigilException.invalid("hvcC of " + c.length + " bytes lacks a " + (vps == null ? "VPS"
                    : sps == null ? "SPS" : "PPS"));
        }
        return new DecoderConfiguration(new ParameterSets(Codec.H265, vps, sps, pps), lengthSize);
    }

    /** The NAL units of one MP4 sample: each after a big-endian length of {@link #lengthSize} bytes. */
    List<byte[]> split(byte[] sample) {
        List<byte[]> nals = new ArrayList<>();
        int p = 0;
        while (p < sample.length) {
            if (p + lengthSize > sample.length) {
                throw VigilException.invalid("sample of " + sample.length + " bytes ends inside a NAL length at " + p);
            }
            long len = 0;
            for (int i = 0; i < lengthSize; i++) {
                len = len << 8 | (sample[p + i] & 0xff);
            }
            p += lengthSize;
            if (len == 0 || len > sample.length - p) {
                throw VigilException.invalid("sample of " + sample.length + " bytes has a NAL unit of " + len
                        + " bytes at " + (p - lengthSize));
            }
            nals.add(Arrays.copyOfRange(sample, p, p + (int) len));
            p += (int) len;
        }
        return nals;
    }

    private static final class Reader {
        private final String what;
        private final byte[] b;
        private int p;

        Reader(String what, byte[] b) {
            this.what = what;
            this.b = b;
        }

        private void need(int n) {
            if (p + n > b.length) {
                throw VigilException.invalid(what + " of " + b.length + " bytes ends at " + b.length
                        + ", needed " + n + " more at " + p);
            }
        }

        void skip(int n) {
            need(n);
            p += n;
        }

        int u8() {
            need(1);
            return b[p++] & 0xff;
        }

        int u16() {
            need(2);
            int v = (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
            p += 2;
            return v;
        }

        byte[] bytes(int n) {
            need(n);
            byte[] out = Arrays.copyOfRange(b, p, p + n);
            p += n;
            return out;
        }
    }
}
