package dev.vigil.storage.mp4;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The byte sink of one segment: buffers writes to the caller's stream and feeds every byte to a
 * running SHA-256 and a counter, so the digest is ready the moment the last byte is written and
 * nothing is read back. Never closes the caller's stream. Not thread-safe.
 */
final class SegmentSink {
    private static final int BUFFER_BYTES = 64 << 10;

    private final OutputStream out;
    private final MessageDigest sha256;
    private final byte[] scratch = new byte[8];
    private long bytesWritten;

    SegmentSink(OutputStream target) {
        this.out = new BufferedOutputStream(target, BUFFER_BYTES);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    void write(byte[] b) throws IOException {
        write(b, 0, b.length);
    }

    void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        sha256.update(b, off, len);
        bytesWritten += len;
    }

    /** Writes a 32-bit big-endian unsigned value. */
    void writeU32(long v) throws IOException {
        scratch[0] = (byte) (v >>> 24);
        scratch[1] = (byte) (v >>> 16);
        scratch[2] = (byte) (v >>> 8);
        scratch[3] = (byte) v;
        write(scratch, 0, 4);
    }

    void flush() throws IOException {
        out.flush();
    }

    long bytesWritten() {
        return bytesWritten;
    }

    /** Finishes the digest: lower-case hex of the SHA-256 of every byte written. Call once. */
    String finishSha256() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
