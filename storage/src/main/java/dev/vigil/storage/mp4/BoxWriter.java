package dev.vigil.storage.mp4;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian byte buffer that writes ISO BMFF boxes (ISO/IEC 14496-12 clause 4.2):
 * {@link #begin} writes a placeholder 32-bit size and the type, {@link #end} patches the size once
 * the contents are known. Used for the small boxes only (moov, moof); sample data never passes
 * through it. Not thread-safe.
 */
final class BoxWriter {
    private byte[] buf;
    private int size;

    BoxWriter(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    /** Starts a box; returns its offset, to be passed to {@link #end}. */
    int begin(String type) {
        int start = size;
        u32(0);
        fourcc(type);
        return start;
    }

    /** Starts a FullBox: a box followed by an 8-bit version and 24-bit flags. */
    int beginFull(String type, int version, int flags) {
        int start = begin(type);
        u8(version);
        u24(flags);
        return start;
    }

    /** Ends the box started at {@code start}, writing its size. */
    void end(int start) {
        putU32(start, size - start);
    }

    void u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    void u16(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    void u24(int v) {
        ensure(3);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    void u32(long v) {
        ensure(4);
        putU32(size, v);
        size += 4;
    }

    void u64(long v) {
        u32(v >>> 32);
        u32(v & 0xFFFF_FFFFL);
    }

    void fourcc(String type) {
        if (type.length() != 4) {
            throw new IllegalArgumentException("a box type has 4 characters, not '" + type + "'");
        }
        bytes(type.getBytes(StandardCharsets.US_ASCII));
    }

    void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    void zeros(int n) {
        ensure(n);
        Arrays.fill(buf, size, size + n, (byte) 0);
        size += n;
    }

    /** Overwrites 4 bytes at {@code offset}, which must already be written. */
    void putU32(int offset, long v) {
        buf[offset] = (byte) (v >>> 24);
        buf[offset + 1] = (byte) (v >>> 16);
        buf[offset + 2] = (byte) (v >>> 8);
        buf[offset + 3] = (byte) v;
    }

    int size() {
        return size;
    }

    void reset() {
        size = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    void writeTo(SegmentSink sink) throws IOException {
        sink.write(buf, 0, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
