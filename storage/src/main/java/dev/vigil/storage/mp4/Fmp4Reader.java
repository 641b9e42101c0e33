package dev.vigil.storage.mp4;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.ParameterSets;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reads one fragmented MP4 from a stream, front to back, without seeking: {@link #open} reads the
 * {@code ftyp} and {@code moov} (the video track, its parameter sets and timescale), then each
 * {@link #nextFragment()} reads one {@code moof} and its {@code mdat} and returns that fragment's
 * samples, NAL units split by their length fields. Reads the files {@link Fmp4SegmentWriter}
 * writes and, as far as their video track goes, ordinary fragmented MP4s (ffmpeg's
 * {@code -movflags frag_keyframe+empty_moov}).
 *
 * <p>Contract:
 * <ul>
 *   <li>Stream ownership: the reader borrows {@code in}; it never closes it. It reads exactly the
 *       file's bytes, each once and in order, through {@link InputStream#read} (never
 *       {@code skip}, which a {@link java.security.DigestInputStream} would not see), so a digest
 *       wrapped around the stream covers every byte once {@link #nextFragment()} has returned
 *       {@code null}. The reader does not buffer: wrap a slow stream in a
 *       {@link java.io.BufferedInputStream}.
 *   <li>Memory: one fragment at a time, the {@code mdat} payload and its samples' NAL units
 *       (copies, so the caller may keep them); {@code moov} at most {@link #MAX_MOOV_BYTES},
 *       {@code moof} at most {@link Fmp4Scanner#MAX_MOOF_BYTES}, {@code mdat} at most
 *       {@link #MAX_MDAT_BYTES}; a bigger box is {@code RESOURCE_EXHAUSTED}.
 *   <li>Errors: {@code DATA_LOSS} for malformed or truncated input (the message gives the byte
 *       offset; the fragments returned before it are intact), {@code UNIMPLEMENTED} for MP4s it
 *       does not read (see {@link MoovParser}), {@code UNAVAILABLE} when the stream fails. After
 *       an error, and after the end, every call fails with {@code FAILED_PRECONDITION} or returns
 *       {@code null} respectively.
 *   <li>Decode times are in the track's timescale, from {@code tfdt} (or continuing the previous
 *       fragment where a fragment has none). Samples of other tracks are skipped.
 *   <li>Not thread-safe: one thread reads one file.
 * </ul>
 */
public final class Fmp4Reader {
    /** A {@code moov} larger than this is refused (ours are about 1 KiB). */
    public static final int MAX_MOOV_BYTES = 4 << 20;
    /** An {@code mdat} larger than this is refused: the writer's largest fragment is 256 MiB. */
    public static final int MAX_MDAT_BYTES = 256 << 20;

    private enum State { FRAGMENTS, ENDED, FAILED }

    /**
     * The video track.
     *
     * @param trackId its {@code tkhd} track ID
     * @param timescale ticks per second of its decode times (90 000 in Vigil's segments)
     * @param sampleEntryType {@code avc1}, {@code avc3}, {@code hvc1} or {@code hev1}
     * @param parameterSets from the decoder configuration record
     * @param nalLengthSize bytes of each NAL unit's length field in the samples: 1, 2 or 4
     * @param width the sample entry's width in pixels
     * @param height the sample entry's height in pixels
     */
    public record Track(long trackId, long timescale, String sampleEntryType, ParameterSets parameterSets,
            int nalLengthSize, int width, int height) {
        public Track {
            Objects.requireNonNull(sampleEntryType, "sampleEntryType");
            Objects.requireNonNull(parameterSets, "parameterSets");
        }

        public Codec codec() {
            return parameterSets.codec();
        }
    }

    /**
     * One sample: a coded picture.
     *
     * @param decodeTime in the track's timescale
     * @param duration in the track's timescale
     * @param compositionOffset presentation minus decode time; 0 without B-frame reordering
     * @param sync whether it is a random access point
     * @param nalUnits its NAL units without length fields, each at least one byte; owned by the caller
     */
    public record Sample(long decodeTime, long duration, long compositionOffset, boolean sync, List<byte[]> nalUnits) {
        public Sample {
            nalUnits = List.copyOf(nalUnits);
        }
    }

    /**
     * One {@code moof}+{@code mdat}'s samples of the video track, in decoding order.
     *
     * @param sequenceNumber from {@code mfhd}
     * @param samples possibly empty (a fragment of another track only)
     */
    public record Fragment(long sequenceNumber, List<Sample> samples) {
        public Fragment {
            samples = List.copyOf(samples);
        }
    }

    private final BoxStream stream;
    private final Track track;
    private final MoofParser.TrackDefaults defaults;
    private State state = State.FRAGMENTS;
    private long nextDecodeTime;

    private Fmp4Reader(BoxStream stream, MoovParser.Parsed moov) {
        this.stream = stream;
        this.track = moov.track();
        this.defaults = moov.defaults();
    }

    /**
     * Reads the file's {@code ftyp} and {@code moov}, and any boxes between them.
     *
     * @param in borrowed: read, never closed
     * @throws VigilException see the class comment
     */
    public static Fmp4Reader open(InputStream in) {
        Objects.requireNonNull(in, "in");
        BoxStream stream = new BoxStream(in);
        try {
            BoxReader.Header first = stream.header();
            if (first == null || !first.type().equals("ftyp")) {
                throw new VigilException(ErrorKind.DATA_LOSS, "not an MP4: the stream starts with "
                        + (first == null ? "nothing" : "'" + BoxReader.printable(first.type()) + "'") + ", not ftyp");
            }
            stream.skip(first);
            while (true) {
                long at = stream.position;
                BoxReader.Header box = stream.header();
                if (box == null || box.type().equals("moof") || box.type().equals("mdat")) {
                    throw new VigilException(ErrorKind.DATA_LOSS, "no moov before "
                            + (box == null ? "the end of the stream" : box.type()) + " at offset " + at);
                }
                if (box.type().equals("moov")) {
                    return new Fmp4Reader(stream, MoovParser.parse(stream.whole(box, MAX_MOOV_BYTES), at));
                }
                stream.skip(box);
            }
        } catch (IOException e) {
            throw new VigilException(ErrorKind.UNAVAILABLE, "reading the MP4 failed at offset " + stream.position
                    + ": " + e.getMessage(), e);
        }
    }

    public Track track() {
        return track;
    }

    /** Bytes read from the stream so far. */
    public long bytesRead() {
        return stream.position;
    }

    /**
     * Reads the next fragment: boxes up to and including the next {@code moof}'s {@code mdat}.
     *
     * @return the fragment, or {@code null} at the end of the stream (which is then read to its end)
     * @throws VigilException see the class comment
     */
    public Fragment nextFragment() {
        if (state == State.ENDED) {
            return null;
        }
        if (state == State.FAILED) {
            throw new VigilException(ErrorKind.FAILED_PRECONDITION, "cannot read on: the MP4 reader failed earlier");
        }
        try {
            Fragment fragment = readFragment();
            if (fragment == null) {
                state = State.ENDED;
            }
            return fragment;
        } catch (IOException e) {
            state = State.FAILED;
            throw new VigilException(ErrorKind.UNAVAILABLE, "reading the MP4 failed at offset " + stream.position + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
    }

    private Fragment readFragment() throws IOException {
        MoofParser.MovieFragment moof = null;
        while (true) {
            long at = stream.position;
            BoxReader.Header box = stream.header();
            if (box == null) {
                if (moof != null) {
                    throw new VigilException(ErrorKind.DATA_LOSS, "the stream ends after a moof without its mdat");
                }
                return null;
            }
            if (box.type().equals("moof")) {
                if (moof != null) {
                    throw new VigilException(ErrorKind.DATA_LOSS, "moof at offset " + at + " follows a moof"
                            + " without an mdat");
                }
                moof = MoofParser.parse(stream.whole(box, Fmp4Scanner.MAX_MOOF_BYTES), at,
                        id -> id == track.trackId() ? defaults : MoofParser.TrackDefaults.NONE);
            } else if (box.type().equals("mdat") && moof != null) {
                long payloadStart = at + box.headerBytes();
                byte[] mdat = stream.payload(box, MAX_MDAT_BYTES);
                return samples(moof, mdat, payloadStart, at);
            } else {
                stream.skip(box);
            }
        }
    }

    private Fragment samples(MoofParser.MovieFragment moof, byte[] mdat, long payloadStart, long mdatOffset) {
        MoofParser.TrackFragment traf = moof.track(track.trackId());
        if (traf == null) {
            return new Fragment(moof.sequenceNumber(), List.of());
        }
        long decodeTime = traf.baseDecodeTime().orElse(nextDecodeTime);
        List<Sample> samples = new ArrayList<>(traf.samples().size());
        for (MoofParser.SampleEntry s : traf.samples()) {
            long from = s.offset() - payloadStart;
            if (from < 0 || s.size() > mdat.length - from) {
                throw new VigilException(ErrorKind.DATA_LOSS, "fragment " + moof.sequenceNumber() + ": a sample of "
                        + s.size() + " bytes at offset " + s.offset() + " lies outside the mdat at offset "
                        + mdatOffset + " (" + mdat.length + " payload bytes)");
            }
            samples.add(new Sample(decodeTime, s.duration(), s.compositionOffset(), s.sync(),
                    splitNalUnits(mdat, (int) from, (int) s.size(), s.offset())));
            decodeTime += s.duration();
        }
        nextDecodeTime = decodeTime;
        return new Fragment(moof.sequenceNumber(), samples);
    }

    private List<byte[]> splitNalUnits(byte[] data, int from, int size, long fileOffset) {
        List<byte[]> nals = new ArrayList<>();
        int lengthSize = track.nalLengthSize();
        int at = from;
        int end = from + size;
        while (at < end) {
            if (end - at < lengthSize) {
                throw new VigilException(ErrorKind.DATA_LOSS, "sample at offset " + fileOffset + ": " + (end - at)
                        + " bytes left, too few for a " + lengthSize + "-byte NAL length");
            }
            long length = 0;
            for (int i = 0; i < lengthSize; i++) {
                length = (length << 8) | (data[at + i] & 0xFF);
            }
            at += lengthSize;
            if (length == 0 || length > end - at) {
                throw new VigilException(ErrorKind.DATA_LOSS, "sample at offset " + fileOffset + ": NAL unit of "
                        + length + " bytes at offset " + (fileOffset + at - from) + " with " + (end - at)
                        + " bytes left in the sample");
            }
            nals.add(Arrays.copyOfRange(data, at, at + (int) length));
            at += (int) length;
        }
        if (nals.isEmpty()) {
            throw new VigilException(ErrorKind.DATA_LOSS, "sample at offset " + fileOffset + " is empty");
        }
        return nals;
    }

    /**
     * The borrowed stream read box by box, with the position reached. Reads only through
     * {@link InputStream#read}/{@link InputStream#readNBytes}, never {@code skip}.
     */
    private static final class BoxStream {
        private final InputStream in;
        private final byte[] header = new byte[16];
        private final byte[] scratch = new byte[8192];
        long position;
        private long boxAt;

        BoxStream(InputStream in) {
            this.in = in;
        }

        /** The next box header, or {@code null} at a clean end of the stream. */
        BoxReader.Header header() throws IOException {
            boxAt = position;
            int n = in.readNBytes(header, 0, 8);
            if (n == 0) {
                return null;
            }
            if (n < 8) {
                throw new VigilException(ErrorKind.DATA_LOSS, "the stream ends inside a box header at offset "
                        + boxAt);
            }
            position += 8;
            if (BoxReader.Header.needsLargeSize(header)) {
                if (in.readNBytes(header, 8, 8) < 8) {
                    throw new VigilException(ErrorKind.DATA_LOSS, "the stream ends inside a box header at offset "
                            + boxAt);
                }
                position += 8;
            }
            BoxReader.Header box = BoxReader.Header.parse(header, boxAt);
            if (box.size() == 0 && !box.type().equals("mdat")) {
                throw new VigilException(ErrorKind.UNIMPLEMENTED, "box '" + BoxReader.printable(box.type())
                        + "' at offset " + boxAt + " runs to the end of the file (size 0); only an mdat may");
            }
            return box;
        }

        /** The whole box whose header was just read, header included. */
        byte[] whole(BoxReader.Header box, int limit) throws IOException {
            if (box.size() > limit) {
                throw tooBig(box, limit);
            }
            byte[] whole = new byte[(int) box.size()];
            System.arraycopy(header, 0, whole, 0, box.headerBytes());
            readFully(box, whole, box.headerBytes());
            return whole;
        }

        /** The payload of the box whose header was just read; size 0 means to the end of the stream. */
        byte[] payload(BoxReader.Header box, int limit) throws IOException {
            if (box.size() == 0) {
                byte[] rest = in.readNBytes(limit + 1);
                if (rest.length > limit) {
                    throw tooBig(box, limit);
                }
                position += rest.length;
                return rest;
            }
            if (box.payloadBytes() > limit) {
                throw tooBig(box, limit);
            }
            byte[] payload = new byte[(int) box.payloadBytes()];
            readFully(box, payload, 0);
            return payload;
        }

        /** Reads and drops the payload of the box whose header was just read. */
        void skip(BoxReader.Header box) throws IOException {
            long left = box.size() == 0 ? Long.MAX_VALUE : box.payloadBytes();
            while (left > 0) {
                int n = in.read(scratch, 0, (int) Math.min(scratch.length, left));
                if (n < 0) {
                    if (box.size() == 0) {
                        return;
                    }
                    throw truncated(box, box.payloadBytes() - left);
                }
                position += n;
                left -= n;
            }
        }

        private void readFully(BoxReader.Header box, byte[] into, int from) throws IOException {
            int n = in.readNBytes(into, from, into.length - from);
            position += n;
            if (n < into.length - from) {
                throw truncated(box, n);
            }
        }

        private VigilException tooBig(BoxReader.Header box, int limit) {
            return new VigilException(ErrorKind.RESOURCE_EXHAUSTED, "box '" + BoxReader.printable(box.type())
                    + "' at offset " + boxAt + " is " + (box.size() == 0 ? "more than " + limit : box.size())
                    + " bytes; the reader's limit is " + limit);
        }

        private VigilException truncated(BoxReader.Header box, long payloadRead) {
            return new VigilException(ErrorKind.DATA_LOSS, "the stream ends inside box '"
                    + BoxReader.printable(box.type()) + "' at offset " + boxAt + " (" + payloadRead + " of "
                    + box.payloadBytes() + " payload bytes)");
        }
    }
}
