package dev.vigil.storage.mp4;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bounds-checked big-endian reads over the bytes of one buffered box (a {@code moov} or a
 * {@code moof}), the reading side of {@link BoxWriter}: every read outside the buffer, and every
 * child box that does not fit its parent, is a {@code DATA_LOSS} {@link VigilException} naming
 * {@code what} and the offset, never an {@link IndexOutOfBoundsException}. Pure; not thread-safe.
 */
final class BoxReader {
    /** One box inside the buffer: offsets are indexes into it. */
    record Box(String type, int offset, int headerBytes, int size) {
        int payload() {
            return offset + headerBytes;
        }

        int end() {
            return offset + size;
        }
    }

    /**
     * A top-level box header as read from a file or stream (ISO/IEC 14496-12 clause 4.2): 32-bit
     * size, type, and a 64-bit {@code largesize} when the size is 1. A size of 0 ("to the end of the
     * file") is kept as 0 for the caller to resolve.
     */
    record Header(String type, long size, int headerBytes) {
        /** Bytes after the header; meaningless when {@link #size} is 0. */
        long payloadBytes() {
            return size - headerBytes;
        }

        /** Whether the 32-bit size field says a 64-bit {@code largesize} follows the type. */
        static boolean needsLargeSize(byte[] first8) {
            return u32(first8, 0) == 1;
        }

        /**
         * Parses 8 header bytes, or 16 when {@link #needsLargeSize}.
         *
         * @throws VigilException DATA_LOSS for a size smaller than its header
         */
        static Header parse(byte[] b, long at) {
            long size = u32(b, 0);
            String type = fourcc(b, 4);
            int headerBytes = 8;
            if (size == 1) {
                size = (u32(b, 8) << 32) | u32(b, 12);
                headerBytes = 16;
            }
            if (size != 0 && size < headerBytes) {
                throw new VigilException(ErrorKind.DATA_LOSS, "box '" + printable(type) + "' at offset " + at
                        + " declares " + size + " bytes, less than its header");
            }
            return new Header(type, size, headerBytes);
        }
    }

    private final byte[] buf;
    private final String what;

    /**
     * @param buf borrowed, not copied; not modified
     * @param what names the box in messages, e.g. {@code "moof at offset 1234"}
     */
    BoxReader(byte[] buf, String what) {
        this.buf = buf;
        this.what = what;
    }

    int length() {
        return buf.length;
    }

    int u8(int at) {
        check(at, 1);
        return buf[at] & 0xFF;
    }

    int u16(int at) {
        check(at, 2);
        return ((buf[at] & 0xFF) << 8) | (buf[at + 1] & 0xFF);
    }

    long u32(int at) {
        check(at, 4);
        return u32(buf, at);
    }

    /** A signed 32-bit field (e.g. a version 1 {@code trun} composition offset or data offset). */
    int s32(int at) {
        check(at, 4);
        return (int) u32(buf, at);
    }

    long u64(int at) {
        return (u32(at) << 32) | u32(at + 4);
    }

    String fourcc(int at) {
        check(at, 4);
        return fourcc(buf, at);
    }

    byte[] bytes(int at, int length) {
        check(at, length);
        return Arrays.copyOfRange(buf, at, at + length);
    }

    /** The boxes that tile {@code [from, to)}; one that does not fit is DATA_LOSS. */
    List<Box> children(int from, int to) {
        List<Box> boxes = new ArrayList<>();
        int at = from;
        while (at < to) {
            if (to - at < 8) {
                throw malformed(at, (to - at) + " stray bytes where a box header was expected");
            }
            long size = u32(at);
            int headerBytes = 8;
            if (size == 1) {
                size = u64(at + 8);
                headerBytes = 16;
            } else if (size == 0) {
                size = to - at; // to the end of the parent
            }
            if (size < headerBytes || size > to - at) {
                throw malformed(at, "box '" + printable(fourcc(at + 4)) + "' of " + size + " bytes does not fit in the "
                        + (to - at) + " bytes left");
            }
            boxes.add(new Box(fourcc(at + 4), at, headerBytes, (int) size));
            at += (int) size;
        }
        return boxes;
    }

    /** The first child of {@code type} within {@code [from, to)}, or {@code null}. */
    Box child(int from, int to, String type) {
        for (Box b : children(from, to)) {
            if (b.type().equals(type)) {
                return b;
            }
        }
        return null;
    }

    /** Like {@link #child} but a missing box is DATA_LOSS. */
    Box require(Box parent, String type) {
        Box b = child(parent.payload(), parent.end(), type);
        if (b == null) {
            throw malformed(parent.offset(), "'" + parent.type() + "' has no '" + type + "' box");
        }
        return b;
    }

    VigilException malformed(int at, String problem) {
        return new VigilException(ErrorKind.DATA_LOSS, what + ", byte " + at + ": " + problem);
    }

    private void check(int at, int length) {
        if (at < 0 || length < 0 || at > buf.length - length) {
            throw malformed(at, "a " + length + "-byte field runs past the end (" + buf.length + " bytes)");
        }
    }

    static long u32(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFFL) << 16) | ((b[at + 2] & 0xFFL) << 8) | (b[at + 3] & 0xFFL);
    }

    static String fourcc(byte[] b, int at) {
        return new String(b, at, 4, StandardCharsets.ISO_8859_1);
    }

    /** A box type safe to print: non-printable bytes as {@code ?}. */
    static String printable(String type) {
        StringBuilder s = new StringBuilder(4);
        for (char c : type.toCharArray()) {
            s.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return s.toString();
    }
}
