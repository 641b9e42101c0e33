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
        byte[] header = new byte[16];
        while (pos + 8 <= size) {
            readFully(ch, ByteBuffer.wrap(header, 0, 8), pos);
            if (BoxReader.Header.needsLargeSize(header)) {
                if (pos + 16 > size) {
                    break;
                }
                readFully(ch, ByteBuffer.wrap(header, 0, 16), pos);
            }
            BoxReader.Header box;
            try {
                box = BoxReader.Header.parse(header, pos);
            } catch (VigilException e) {
                break; // a size smaller than its header: damage, stop at the last good fragment
            }
            long boxSize = box.size() == 0 ? size - pos : box.size(); // 0: to the end of the file
            if (pos + boxSize > size) {
                break; // cut off here
            }
            switch (box.type()) {
                case "ftyp" -> ftyp = pos == 0;
                case "moov" -> {
                    moov = ftyp;
                    validBytes = pos + boxSize;
                }
                case "moof" -> {
                    pendingMoof = boxSize > MAX_MOOF_BYTES ? null : parseMoof(ch, pos, (int) boxSize);
                    if (pendingMoof == null) {
                        pos = size; // damaged: stop at the last good fragment
                        continue;
                    }
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

    /**
     * Returns {sample count, decode time after the last sample} of one {@code moof}'s first track
     * fragment, or {@code null} when the box is malformed.
     */
    private static long[] parseMoof(FileChannel ch, long pos, int boxSize) throws IOException {
        byte[] moof = new byte[boxSize];
        readFully(ch, ByteBuffer.wrap(moof), pos);
        MoofParser.MovieFragment parsed;
        try {
            parsed = MoofParser.parse(moof, pos, track -> MoofParser.TrackDefaults.NONE);
        } catch (VigilException e) {
            return null;
        }
        if (parsed.trackFragments().isEmpty()) {
            return new long[] {0, 0};
        }
        MoofParser.TrackFragment traf = parsed.trackFragments().get(0); // one track
        return new long[] {traf.samples().size(), traf.baseDecodeTime().orElse(0) + traf.durations()};
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
