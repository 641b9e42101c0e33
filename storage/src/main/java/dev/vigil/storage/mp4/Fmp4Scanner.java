package dev.vigil.storage.mp4;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Walks the top-level boxes of a fragmented MP4 file, possibly cut short by a crash, and finds
 * where its last complete {@code moof}+{@code mdat} pair ends, with the decode time reached
 * there. Used to close spool files that a killed process left behind: everything up to
 * {@link Scan#validBytes} plays; the rest is the fragment that was being written.
 *
 * <p>Reads only the box headers and the {@code moof} boxes (each at most {@link #MAX_MOOF_BYTES}).
 * Pure apart from reading the file.
 */
public final class Fmp4Scanner {
    /** A {@code moof} larger than this is treated as damage (ours hold ~25 samples of 12 bytes). */
    static final int MAX_MOOF_BYTES = 4 << 20;

    /**
     * What the scan found.
     *
     * @param validBytes length of the playable prefix: the init segment and every complete fragment
     * @param fragments complete fragments
     * @param samples samples in them
     * @param endDecodeTime the decode time (in the track's timescale) just after the last complete
     *     fragment's last sample; 0 without fragments
     * @param fileBytes the file's length
     */
    public record Scan(long validBytes, int fragments, long samples, long endDecodeTime, long fileBytes) {
        /** Whether anything past the playable prefix was found (a cut-off fragment). */
        public boolean truncated() {
            return fileBytes > validBytes;
        }
    }

    private Fmp4Scanner() {
    }

    /**
     * Scans {@code file}.
     *
     * @throws VigilException {@code DATA_LOSS} when the file does not start with {@code ftyp} and
     *     a complete {@code moov}; {@code UNAVAILABLE} when it cannot be read
     */
    public static Scan scan(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return scan(ch);
        } catch (IOException e) {
            throw new VigilException(ErrorKind.UNAVAILABLE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Scan scan(FileChannel ch) throws IOException {
        long size = ch.size();
        long pos = 0;
        boolean ftyp = false;
        boolean moov = false;
        long validBytes = -1;
        int fragments = 0;
        long samples = 0;
        long endDecodeTime = 0;
        long[] pendingMoof = null; // {samples, endDecodeTime} of a moof whose mdat has not been seen
        ByteBuffer header = ByteBuffer.allocate(16);
        while (pos + 8 <= size) {
            header.clear().limit(8);
            readFully(ch, header, pos);
            long boxSize = Integer.toUnsignedLong(header.getInt(0));
            String type = new String(new byte[] {header.get(4), header.get(5), header.get(6), header.get(7)},
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            int headerBytes = 8;
            if (boxSize == 1) {
                if (pos + 16 > size) {
                    break;
                }
                header.clear().limit(16);
                readFully(ch, header, pos);
                boxSize = header.getLong(8);
                headerBytes = 16;
            } else if (boxSize == 0) {
                boxSize = size - pos; // to the end of the file
            }
            if (boxSize < headerBytes || pos + boxSize > size) {
                break; // cut off here
            }
            switch (type) {
                case "ftyp" -> ftyp = pos == 0;
                case "moov" -> {
                    moov = ftyp;
                    validBytes = pos + boxSize;
                }
                case "moof" -> {
                    if (boxSize > MAX_MOOF_BYTES) {
                        pendingMoof = null;
                        pos = size; // damaged: stop at the last good fragment
                        continue;
                    }
                    ByteBuffer moof = ByteBuffer.allocate((int) boxSize - headerBytes);
                    readFully(ch, moof, pos + headerBytes);
                    pendingMoof = parseMoof(moof);
                }
                case "mdat" -> {
                    if (pendingMoof != null && moov) {
                        fragments++;
                        samples += pendingMoof[0];
                        endDecodeTime = pendingMoof[1];
                        validBytes = pos + boxSize;
                    }
                    pendingMoof = null;
                }
                default -> { }
            }
            pos += boxSize;
        }
        if (!moov) {
            throw new VigilException(ErrorKind.DATA_LOSS, "not a fragmented MP4 with a complete ftyp and moov ("
                    + size + " bytes)");
        }
        return new Scan(validBytes, fragments, samples, endDecodeTime, size);
    }

    /** Returns {sample count, decode time after the last sample} of one {@code moof}'s first track. */
    private static long[] parseMoof(ByteBuffer moof) {
        long baseDecodeTime = 0;
        long defaultDuration = 0;
        long count = 0;
        long durations = 0;
        int end = moof.limit();
        for (int at = 0; at + 8 <= end; ) {
            int boxSize = moof.getInt(at);
            String type = fourcc(moof, at + 4);
            if (boxSize < 8 || at + boxSize > end) {
                break;
            }
            if (type.equals("traf")) {
                for (int in = at + 8; in + 8 <= at + boxSize; ) {
                    int childSize = moof.getInt(in);
                    if (childSize < 8 || in + childSize > at + boxSize) {
                        break;
                    }
                    String child = fourcc(moof, in + 4);
                    int version = moof.get(in + 8) & 0xff;
                    int flags = moof.getInt(in + 8) & 0xffffff;
                    int body = in + 12;
                    switch (child) {
                        case "tfdt" -> baseDecodeTime = version == 1 ? moof.getLong(body)
                                : Integer.toUnsignedLong(moof.getInt(body));
                        case "tfhd" -> {
                            int p = body + 4; // track_ID
                            p += (flags & 0x01) != 0 ? 8 : 0; // base_data_offset
                            p += (flags & 0x02) != 0 ? 4 : 0; // sample_description_index
                            if ((flags & 0x08) != 0) {
                                defaultDuration = Integer.toUnsignedLong(moof.getInt(p));
                            }
                        }
                        case "trun" -> {
                            long n = Integer.toUnsignedLong(moof.getInt(body));
                            int p = body + 4;
                            p += (flags & 0x001) != 0 ? 4 : 0; // data_offset
                            p += (flags & 0x004) != 0 ? 4 : 0; // first_sample_flags
                            int perSample = Integer.bitCount(flags & 0xf00) * 4;
                            for (long i = 0; i < n; i++) {
                                durations += (flags & 0x100) != 0 ? Integer.toUnsignedLong(moof.getInt(p))
                                        : defaultDuration;
                                p += perSample;
                            }
                            count += n;
                        }
                        default -> { }
                    }
                    in += childSize;
                }
                break; // one track
            }
            at += boxSize;
        }
        return new long[] {count, baseDecodeTime + durations};
    }

    private static String fourcc(ByteBuffer b, int at) {
        return new String(new byte[] {b.get(at), b.get(at + 1), b.get(at + 2), b.get(at + 3)},
                java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, at);
            if (n < 0) {
                throw new IOException("unexpected end of file at " + at);
            }
            at += n;
        }
        buf.flip();
    }
}
