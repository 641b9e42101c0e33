package dev.vigil.core.codec;

import dev.vigil.core.error.VigilException;

/**
 * Reads the bits of a NAL unit's payload (its RBSP) most significant bit first, skipping the
 * emulation prevention bytes on the fly.
 *
 * <p>Supports the descriptors of H.264 / H.265 clause 7.2: {@code u(n)} up to 32 bits and the
 * Exp-Golomb codes {@code ue(v)} / {@code se(v)} (clause 9.2). Reading past the end fails with
 * {@code INVALID_ARGUMENT} naming {@code what} is being parsed and the bit position, so a
 * truncated parameter set never yields a made-up value. Not thread-safe; one reader per parse.
 *
 * <p>Implementation note: an emulation prevention byte is a {@code 0x03} that follows two zero
 * bytes in the NAL unit (H.264 clause 7.4.1, H.265 clause 7.4.2); the reader drops it when it
 * loads the byte, so positions count RBSP bits, not NAL bytes.
 */
public final class RbspBitReader {
    private final byte[] nal;
    private final String what;
    private int nextByte;
    private int zeroRun;
    private int current;
    private int bitsLeft;
    private long bitsRead;

    /**
     * @param nal a whole NAL unit without start code; borrowed, never modified
     * @param headerBytes bytes of NAL unit header to skip: 1 for H.264, 2 for H.265
     * @param what names the structure in error messages, e.g. {@code "H.264 SPS"}
     */
    public RbspBitReader(byte[] nal, int headerBytes, String what) {
        this.nal = nal;
        this.what = what;
        if (nal.length < headerBytes) {
            throw VigilException.invalid(what + ": NAL unit of " + nal.length + " bytes has no room for its "
                    + headerBytes + "-byte header");
        }
        this.nextByte = headerBytes;
    }

    /** Reads one bit: {@code u(1)}. */
    public boolean flag() {
        return bits(1) == 1;
    }

    /** Reads {@code count} bits as an unsigned number: {@code u(n)}, {@code 0 <= count <= 32}. */
    public long bits(int count) {
        if (count < 0 || count > 32) {
            throw new IllegalArgumentException("can read 0 to 32 bits at once, not " + count);
        }
        long value = 0;
        for (int i = 0; i < count; i++) {
            if (bitsLeft == 0) {
                loadByte();
            }
            bitsLeft--;
            value = (value << 1) | ((current >> bitsLeft) & 1);
            bitsRead++;
        }
        return value;
    }

    /** Reads {@code count} bits, at most 31, as an int. */
    public int intBits(int count) {
        if (count > 31) {
            throw new IllegalArgumentException("an int holds at most 31 unsigned bits, not " + count);
        }
        return (int) bits(count);
    }

    /** Skips {@code count} bits (any number). */
    public void skip(int count) {
        int left = count;
        while (left > 0) {
            int n = Math.min(left, 32);
            bits(n);
            left -= n;
        }
    }

    /** Reads an unsigned Exp-Golomb code {@code ue(v)}; values up to 2^31 - 2. */
    public int ue() {
        int leadingZeros = 0;
        while (!flag()) {
            leadingZeros++;
            if (leadingZeros > 31) {
                throw VigilException.invalid(what + ": Exp-Golomb code longer than 32 bits at bit " + bitsRead);
            }
        }
        long value = (1L << leadingZeros) - 1 + bits(leadingZeros);
        if (value > Integer.MAX_VALUE) {
            throw VigilException.invalid(what + ": Exp-Golomb value " + value + " too large at bit " + bitsRead);
        }
        return (int) value;
    }

    /** Reads a signed Exp-Golomb code {@code se(v)}: 1, -1, 2, -2, ... for codes 1, 2, 3, 4, ... */
    public int se() {
        int code = ue();
        return (code & 1) == 1 ? (code + 1) / 2 : -(code / 2);
    }

    /** RBSP bits consumed so far (emulation prevention bytes not counted). */
    public long bitsRead() {
        return bitsRead;
    }

    private void loadByte() {
        if (nextByte >= nal.length) {
            throw VigilException.invalid(what + ": truncated, needed more than " + bitsRead + " bits from a "
                    + nal.length + "-byte NAL unit");
        }
        int b = nal[nextByte++] & 0xFF;
        if (zeroRun >= 2 && b == 0x03) {
            zeroRun = 0;
            loadByte();
            return;
        }
        zeroRun = b == 0 ? zeroRun + 1 : 0;
        current = b;
        bitsLeft = 8;
    }
}
