package dev.vigil.ingest.h264;

import dev.vigil.core.error.VigilException;
import java.util.Arrays;

/**
 * A big-endian bit reader over a NAL unit's RBSP, with the Exp-Golomb codes of H.264 section 9.1
 * (the same in H.265 section 9.2). Reading past the end throws {@link IndexOutOfBoundsException},
 * which parsers turn into a typed error.
 */
public final class BitReader {
    private final byte[] data;
    private int pos;

    private BitReader(byte[] data) {
        this.data = data;
    }

    /** A reader over {@code nal} with emulation prevention bytes (00 00 03) removed; header included. */
    public static BitReader ofNal(byte[] nal) {
        byte[] out = new byte[nal.length];
        int n = 0;
        int zeros = 0;
        for (byte v : nal) {
            if (zeros >= 2 && v == 3) {
                zeros = 0;
                continue;
            }
            zeros = v == 0 ? zeros + 1 : 0;
            out[n++] = v;
        }
        return new BitReader(Arrays.copyOf(out, n));
    }

    /** {@code n} bits, 0 to 32, as an unsigned value (32 bits come back as an int's bit pattern). */
    public int u(int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | ((data[pos >> 3] >> (7 - (pos & 7))) & 1);
            pos++;
        }
        return v;
    }

    public void skip(int n) {
        if (pos + n > data.length * 8) {
            throw new IndexOutOfBoundsException("skip past the end");
        }
        pos += n;
    }

    /** Unsigned Exp-Golomb. */
    public int ue() {
        int zeros = 0;
        while (u(1) == 0) {
            if (++zeros > 31) {
                throw VigilException.invalid("Exp-Golomb code longer than 32 bits at bit " + pos);
            }
        }
        return (int) ((1L << zeros) - 1 + (zeros == 0 ? 0 : u(zeros)));
    }

    /** Signed Exp-Golomb. */
    public int se() {
        int k = ue();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }
}
