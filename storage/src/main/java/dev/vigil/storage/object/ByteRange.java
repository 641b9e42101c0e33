package dev.vigil.storage.object;

import dev.vigil.core.error.VigilException;

/**
 * A byte range of an object for a ranged get (HTTP {@code Range: bytes=offset-...}).
 *
 * @param offset first byte, 0-based; not negative
 * @param length how many bytes, at least 1; {@link #TO_END} for everything from {@code offset}
 */
public record ByteRange(long offset, long length) {
    /** The {@code length} that means "to the end of the object". */
    public static final long TO_END = -1;

    public ByteRange {
        if (offset < 0) {
            throw VigilException.invalid("byte range offset must not be negative, was " + offset);
        }
        if (length < 1 && length != TO_END) {
            throw VigilException.invalid("byte range length must be at least 1 (or TO_END), was " + length);
        }
    }

    /** Bytes {@code offset} to the end of the object. */
    public static ByteRange from(long offset) {
        return new ByteRange(offset, TO_END);
    }

    /** {@code length} bytes starting at {@code offset}. */
    public static ByteRange of(long offset, long length) {
        return new ByteRange(offset, length);
    }

    /** Whether the range runs to the end of the object. */
    public boolean toEnd() {
        return length == TO_END;
    }

    @Override
    public String toString() {
        return toEnd() ? "bytes=" + offset + "-" : "bytes=" + offset + "-" + (offset + length - 1);
    }
}
