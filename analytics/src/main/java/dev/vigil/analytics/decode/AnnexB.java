package dev.vigil.analytics.decode;

import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.ParameterSets;
import java.util.List;

/**
 * The Annex B byte stream (ITU-T H.264 / H.265 Annex B: each NAL unit after a 4-byte start code
 * {@code 00 00 00 01}) that the decoder is fed: the parameter sets as the decoder's extradata, and
 * each access unit as one packet. Pure functions; no emulation prevention is touched, since the
 * NAL units arrive with it intact.
 *
 * <p>Why Annex B and not {@code avcC}/{@code hvcC}: FFmpeg's H.264 and HEVC decoders take Annex B
 * extradata as readily as the MP4 records, it is one format for both codecs, and parameter sets
 * that a camera repeats in band inside an access unit then need no rewriting.
 */
final class AnnexB {
    static final int START_CODE_LENGTH = 4;

    private AnnexB() {}

    /** VPS (H.265 only), SPS and PPS, each after a start code. */
    static byte[] extradata(ParameterSets sets) {
        List<byte[]> nals = sets.vps() == null ? List.of(sets.sps(), sets.pps())
                : List.of(sets.vps(), sets.sps(), sets.pps());
        byte[] out = new byte[size(nals)];
        write(nals, out);
        return out;
    }

    /** Bytes that {@link #write} needs for {@code nals}. */
    static int size(List<byte[]> nals) {
        long n = 0;
        for (byte[] nal : nals) {
            n += START_CODE_LENGTH + nal.length;
        }
        if (n > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("access unit of " + n + " bytes is too large");
        }
        return (int) n;
    }

    /** Size of {@code unit} as an Annex B packet. */
    static int size(AccessUnit unit) {
        return size(unit.nalUnits());
    }

    /**
     * Writes {@code nals} with start codes at the start of {@code out}, which must hold
     * {@link #size(List)} bytes; returns the bytes written.
     */
    static int write(List<byte[]> nals, byte[] out) {
        int p = 0;
        for (byte[] nal : nals) {
            out[p] = 0;
            out[p + 1] = 0;
            out[p + 2] = 0;
            out[p + 3] = 1;
            System.arraycopy(nal, 0, out, p + START_CODE_LENGTH, nal.length);
            p += START_CODE_LENGTH + nal.length;
        }
        return p;
    }
}
