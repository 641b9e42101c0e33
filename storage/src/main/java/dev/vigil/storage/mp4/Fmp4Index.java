package dev.vigil.storage.mp4;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where every sample of one fragmented MP4 lies, learnt by reading only its box headers, its
 * {@code moov} and its {@code moof}s through ranged reads, never the sample data: for each sample
 * its decode time, duration, sync flag, and the position and size of its bytes in the file. One
 * read fetches a {@code moof} together with the following {@code mdat}'s header, so a file of
 * one-second fragments costs about one small read per second of video.
 *
 * <p>Contract: {@link #read} borrows the {@link RangeSource} for the call only. Malformed or
 * truncated files are {@code DATA_LOSS} naming the file and offset; files Vigil cannot read are
 * {@code UNIMPLEMENTED} (see {@link MoovParser}); samples with a composition offset (B-frames) are
 * {@code UNIMPLEMENTED}, since playback copies streams without reordering; a failing source's
 * {@link IOException} is {@code UNAVAILABLE}. Instances are immutable and thread-safe. Memory:
 * 29 bytes per sample.
 */
public final class Fmp4Index {
    /** Bytes fetched per read: a {@code moof} of Vigil's one-second fragments is about 400 bytes. */
    static final int READ_BYTES = 4096;

    /** Reads part of the file. */
    @FunctionalInterface
    public interface RangeSource {
        /**
         * Returns the file's bytes from {@code offset}: {@code length} of them, or fewer where the
         * file ends first.
         */
        byte[] read(long offset, int length) throws IOException;
    }

    private final Fmp4Reader.Track track;
    private final long fileBytes;
    private final long[] decodeTimes;
    private final int[] durations;
    private final long[] offsets;
    private final int[] sizes;
    private final boolean[] sync;

    private Fmp4Index(Fmp4Reader.Track track, long fileBytes, long[] decodeTimes, int[] durations, long[] offsets,
            int[] sizes, boolean[] sync) {
        this.track = track;
        this.fileBytes = fileBytes;
        this.decodeTimes = decodeTimes;
        this.durations = durations;
        this.offsets = offsets;
        this.sizes = sizes;
        this.sync = sync;
    }

    /**
     * Indexes the file of {@code fileBytes} bytes that {@code source} reads.
     *
     * @param name names the file in messages, e.g. its object key
     * @throws VigilException see the class comment
     */
    public static Fmp4Index read(RangeSource source, long fileBytes, String name) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        try {
            return new Walk(source, fileBytes, name).run();
        } catch (IOException e) {
            throw new VigilException(ErrorKind.UNAVAILABLE, name + ": reading failed: " + e.getMessage(), e);
        }
    }

    /**
     * Reads only as far as the {@code moov} (one small read for Vigil's segments) and returns the
     * video track it describes.
     *
     * @throws VigilException as {@link #read}
     */
    public static Fmp4Reader.Track readTrack(RangeSource source, long fileBytes, String name) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        try {
            Walk walk = new Walk(source, fileBytes, name);
            walk.trackOnly = true;
            return walk.run().track;
        } catch (IOException e) {
            throw new VigilException(ErrorKind.UNAVAILABLE, name + ": reading failed: " + e.getMessage(), e);
        }
    }

    /** The video track: timescale, parameter sets, NAL length size. */
    public Fmp4Reader.Track track() {
        return track;
    }

    /** The file's size. */
    public long fileBytes() {
        return fileBytes;
    }

    public int sampleCount() {
        return sizes.length;
    }

    /** Decode time of sample {@code i} (0-based) in the track's timescale. */
    public long decodeTime(int i) {
        return decodeTimes[i];
    }

    /** Duration of sample {@code i} in the track's timescale. */
    public long duration(int i) {
        return durations[i] & 0xFFFF_FFFFL;
    }

    /** Where sample {@code i}'s bytes start in the file. */
    public long offset(int i) {
        return offsets[i];
    }

    /** How many bytes sample {@code i} has. */
    public int size(int i) {
        return sizes[i];
    }

    /** Whether sample {@code i} is a random access point (a key frame). */
    public boolean sync(int i) {
        return sync[i];
    }

    @Override
    public String toString() {
        return "Fmp4Index[" + track.codec() + ", " + sizes.length + " samples, " + fileBytes + " bytes]";
    }

    /** One pass over the file's boxes, with a window of the bytes last read. */
    private static final class Walk {
        private final RangeSource source;
        private final long fileBytes;
        private final String name;
        private boolean trackOnly;
        private byte[] window = new byte[0];
        private long windowStart;

        private Fmp4Reader.Track track;
        private MoofParser.TrackDefaults defaults;
        private MoofParser.MovieFragment pendingMoof;
        private long nextDecodeTime;
        private int count;
        private long[] decodeTimes = new long[64];
        private int[] durations = new int[64];
        private long[] offsets = new long[64];
        private int[] sizes = new int[64];
        private boolean[] sync = new boolean[64];

        Walk(RangeSource source, long fileBytes, String name) {
            this.source = source;
            this.fileBytes = fileBytes;
            this.name = name;
        }

        Fmp4Index run() throws IOException {
            long pos = 0;
            boolean first = true;
            while (pos < fileBytes) {
                if (fileBytes - pos < 8) {
                    throw loss("the file ends inside a box header at offset " + pos);
                }
                byte[] head = bytes(pos, 8);
                if (BoxReader.Header.needsLargeSize(head)) {
                    if (fileBytes - pos < 16) {
                        throw loss("the file ends inside a box header at offset " + pos);
                    }
                    head = bytes(pos, 16);
                }
                BoxReader.Header box = BoxReader.Header.parse(head, pos);
                long size = box.size() == 0 ? fileBytes - pos : box.size();
                if (size > fileBytes - pos) {
                    throw loss("box '" + BoxReader.printable(box.type()) + "' at offset " + pos + " declares " + size
                            + " bytes, past the end of the file (" + fileBytes + " bytes)");
                }
                if (first && !box.type().equals("ftyp")) {
                    throw loss("not an MP4: it starts with '" + BoxReader.printable(box.type()) + "', not ftyp");
                }
                first = false;
                switch (box.type()) {
                    case "moov" -> {
                        if (size > Fmp4Reader.MAX_MOOV_BYTES) {
                            throw loss("a moov of " + size + " bytes at offset " + pos);
                        }
                        MoovParser.Parsed moov = MoovParser.parse(bytes(pos, (int) size), pos);
                        track = moov.track();
                        defaults = moov.defaults();
                        if (trackOnly) {
                            return new Fmp4Index(track, fileBytes, new long[0], new int[0], new long[0], new int[0],
                                    new boolean[0]);
                        }
                    }
                    case "moof" -> {
                        if (track == null) {
                            throw loss("a moof at offset " + pos + " before the moov");
                        }
                        if (size > Fmp4Scanner.MAX_MOOF_BYTES) {
                            throw loss("a moof of " + size + " bytes at offset " + pos);
                        }
                        pendingMoof = MoofParser.parse(bytes(pos, (int) size), pos,
                                id -> id == track.trackId() ? defaults : MoofParser.TrackDefaults.NONE);
                    }
                    case "mdat" -> {
                        if (pendingMoof != null) {
                            addSamples(pos + box.headerBytes(), pos + size);
                            pendingMoof = null;
                        }
                    }
                    default -> { }
                }
                pos += size;
            }
            if (track == null) {
                throw loss("no moov in " + fileBytes + " bytes");
            }
            if (pendingMoof != null) {
                throw loss("the file ends after a moof without its mdat");
            }
            return new Fmp4Index(track, fileBytes, Arrays.copyOf(decodeTimes, count), Arrays.copyOf(durations, count),
                    Arrays.copyOf(offsets, count), Arrays.copyOf(sizes, count), Arrays.copyOf(sync, count));
        }

        private void addSamples(long payloadStart, long mdatEnd) {
            MoofParser.TrackFragment traf = pendingMoof.track(track.trackId());
            if (traf == null) {
                return;
            }
            long decodeTime = traf.baseDecodeTime().orElse(nextDecodeTime);
            for (MoofParser.SampleEntry s : traf.samples()) {
                if (s.offset() < payloadStart || s.size() > mdatEnd - s.offset()) {
                    throw loss("fragment " + pendingMoof.sequenceNumber() + ": a sample of " + s.size()
                            + " bytes at offset " + s.offset() + " lies outside its mdat [" + payloadStart + ", "
                            + mdatEnd + ")");
                }
                if (s.compositionOffset() != 0) {
                    throw new VigilException(ErrorKind.UNIMPLEMENTED, name + ": the sample at decode time " + decodeTime
                            + " has a composition offset (B-frames); playback copies streams without reordering only");
                }
                if (s.duration() > 0xFFFF_FFFFL || s.size() > Integer.MAX_VALUE) {
                    throw loss("a sample of " + s.size() + " bytes lasting " + s.duration() + " ticks at offset "
                            + s.offset());
                }
                grow();
                decodeTimes[count] = decodeTime;
                durations[count] = (int) s.duration();
                offsets[count] = s.offset();
                sizes[count] = (int) s.size();
                sync[count] = s.sync();
                count++;
                decodeTime += s.duration();
            }
            nextDecodeTime = decodeTime;
        }

        private void grow() {
            if (count == sizes.length) {
                int n = sizes.length * 2;
                decodeTimes = Arrays.copyOf(decodeTimes, n);
                durations = Arrays.copyOf(durations, n);
                offsets = Arrays.copyOf(offsets, n);
                sizes = Arrays.copyOf(sizes, n);
                sync = Arrays.copyOf(sync, n);
            }
        }

        /** Bytes {@code [pos, pos + length)}, from the window when it holds them, else read with some ahead. */
        private byte[] bytes(long pos, int length) throws IOException {
            if (pos < windowStart || pos + length > windowStart + window.length) {
                int want = (int) Math.min(Math.max(length, READ_BYTES), fileBytes - pos);
                byte[] read = source.read(pos, want);
                if (read.length < length) {
                    throw loss("the file ends at offset " + (pos + read.length) + ", inside " + length
                            + " bytes wanted at offset " + pos + " of the " + fileBytes + " the catalog lists");
                }
                window = read;
                windowStart = pos;
            }
            int from = (int) (pos - windowStart);
            return Arrays.copyOfRange(window, from, from + length);
        }

        private VigilException loss(String message) {
            return new VigilException(ErrorKind.DATA_LOSS, name + ": " + message);
        }
    }
}
