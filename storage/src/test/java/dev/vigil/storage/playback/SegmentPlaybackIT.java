package dev.vigil.storage.playback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.ParameterSets;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.model.TimeRange;
import dev.vigil.core.playback.PlaybackMovie;
import dev.vigil.core.playback.PlaybackPart;
import dev.vigil.storage.catalog.Catalog;
import dev.vigil.storage.catalog.Recording;
import dev.vigil.storage.catalog.RecordingRepository;
import dev.vigil.storage.catalog.TestCatalogs;
import dev.vigil.storage.mp4.Fmp4Reader;
import dev.vigil.storage.mp4.Fmp4SegmentSummary;
import dev.vigil.storage.mp4.Fmp4SegmentWriter;
import dev.vigil.storage.mp4.FragmentPolicy;
import dev.vigil.storage.mp4.TestStreams;
import dev.vigil.storage.object.MemoryObjectStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Playback planned from a real (H2) catalog and segments written by the recorder's
 * {@link Fmp4SegmentWriter}, read through ranged gets of an in-memory store: first on synthetic
 * pictures that carry their number (exact checks of which pictures, when, and where their bytes
 * lie), then on the real footage checked with Debian's ffprobe and ffmpeg, seeking included.
 *
 * <p>Timeline (T0 = 10:00:00Z, 10 fps, key frame every 10th picture): A pictures 0-299 from T0,
 * B 300-499 from 30 s (abutting), a 10 s gap, C 600-794 from 60 s, D (H.265) from 79.5 s.
 */
@Timeout(180)
class SegmentPlaybackIT {
    private static final CameraId CAMERA = CameraId.of("gate-3");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String BUCKET = "vigil-segments";
    private static final long FRAME_90K = 9_000;
    private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
    private static final Path FFPROBE = Path.of("/usr/bin/ffprobe");

    @TempDir
    Path dir;
    private TestCatalogs catalogs;
    private Catalog catalog;
    private RecordingRepository recordings;
    private final MemoryObjectStore store = new MemoryObjectStore();
    private SegmentPlayback playback;

    @BeforeEach
    void open() {
        catalogs = new TestCatalogs(dir);
        catalog = catalogs.open("h2");
        recordings = new RecordingRepository(catalog.dataSource());
        store.ensureBucket(BUCKET);
        playback = new SegmentPlayback(recordings, store, BUCKET, Clock.fixed(T0.plusSeconds(86_400), ZoneOffset.UTC));
    }

    @AfterEach
    void close() throws Exception {
        playback.close();
        catalog.close();
        catalogs.close();
    }

    @Test
    void moviesHoldExactlyTheRangesPicturesAndStopAtGapsAndDecoderChanges() throws Exception {
        List<Picture> h264 = synthetic(TestStreams.VTEST_H264, 795);
        record("a", TestStreams.VTEST_H264, h264, 0, 300, T0, 300);
        record("b", TestStreams.VTEST_H264, h264, 300, 200, T0.plusSeconds(30), -1);
        record("c", TestStreams.VTEST_H264, h264, 600, 195, T0.plusSeconds(60), -1);
        record("d", TestStreams.VTEST_H265, synthetic(TestStreams.VTEST_H265, 200), 0, 200, T0.plusMillis(79_500), -1);

        // From 25.05 s: the key frame at 25.0 s, across the A/B seam, until the gap at 50 s.
        PlaybackMovie movie = playback.movie(CAMERA, range(25.05, 70));
        assertEquals(T0.plusSeconds(25), movie.start());
        assertEquals(T0.plusSeconds(50), movie.end());
        assertEquals(T0.plusSeconds(60), movie.nextPart(), "the next run, after the gap");
        assertEquals(250, movie.pictures());
        byte[] file = movie.open(0, movie.size()).readAllBytes();
        assertEquals(movie.size(), file.length);
        ProgressiveMp4 mp4 = ProgressiveMp4.parse(file);
        assertEquals(List.of("ftyp", "moov", "mdat"), mp4.topLevel(), "moov first: playable while it downloads");
        assertEquals("avc1", mp4.sampleEntry());
        assertEquals(90_000, mp4.timescale());
        assertEquals(250 * FRAME_90K, mp4.mediaDuration());
        assertPictures(mp4, h264, 250, 250);
        int gets = store.rangedGets.get();
        assertTrue(gets < 100, "heads of A, B, C and one read per one-second fragment of A and B: " + gets);

        // Any byte range is the same slice of the same file, and a repeated plan reads no index again.
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50; i++) {
            long offset = random.nextLong(file.length);
            long length = 1 + random.nextLong(Math.min(200_000, file.length - offset));
            try (InputStream in = playback.movie(CAMERA, range(25.05, 70)).open(offset, length)) {
                assertArrayEquals(java.util.Arrays.copyOfRange(file, (int) offset, (int) (offset + length)),
                        in.readAllBytes(), "bytes " + offset + "+" + length);
            }
        }
        assertSame(movie, playback.movie(CAMERA, range(25.05, 70)), "planned once for a player's range requests");

        // From inside the gap: the next run's first picture; the last one lasts until the next.
        PlaybackMovie c = playback.movie(CAMERA, range(55, 70));
        assertEquals(T0.plusSeconds(60), c.start());
        assertEquals(T0.plusSeconds(70), c.end());
        assertNull(c.nextPart());
        assertPictures(ProgressiveMp4.parse(c.open(0, c.size()).readAllBytes()), h264, 600, 100);

        // A change of codec ends the movie like a gap does.
        PlaybackMovie beforeD = playback.movie(CAMERA, range(75, 85));
        assertEquals(T0.plusSeconds(75), beforeD.start());
        assertEquals(T0.plusMillis(79_500), beforeD.end());
        assertEquals(T0.plusMillis(79_500), beforeD.nextPart());
        assertPictures(ProgressiveMp4.parse(beforeD.open(0, beforeD.size()).readAllBytes()), h264, 750, 45);
        PlaybackMovie d = playback.movie(CAMERA, range(80, 85));
        assertEquals("hvc1", ProgressiveMp4.parse(d.open(0, d.size()).readAllBytes()).sampleEntry());
        assertEquals(T0.plusMillis(79_500), d.start(), "its key frame at 79.5 s");

        assertEquals(List.of(
                new PlaybackPart(range(25.05, 50), Codec.H264, 768, 576, PlaybackPart.Start.RANGE_START),
                new PlaybackPart(range(60, 79.5), Codec.H264, 768, 576, PlaybackPart.Start.GAP),
                new PlaybackPart(range(79.5, 85), Codec.H265, 768, 576, PlaybackPart.Start.PARAMETER_SETS_CHANGED)),
                playback.parts(CAMERA, range(25.05, 85)));
        assertEquals(List.of(), playback.parts(CAMERA, range(-100, -10)));

        assertEquals(ErrorKind.NOT_FOUND, assertThrows(VigilException.class,
                () -> playback.movie(CAMERA, range(-100, -10))).kind());
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(VigilException.class,
                () -> playback.movie(CameraId.of("other"), range(0, 10))).kind());
        assertEquals(ErrorKind.INVALID_ARGUMENT, assertThrows(VigilException.class,
                () -> playback.movie(CAMERA, range(0, 7201))).kind());
        assertEquals(ErrorKind.INVALID_ARGUMENT, assertThrows(VigilException.class,
                () -> playback.movie(CAMERA, range(10, 10))).kind());
        // A segment gone from the store: a planned movie fails while reading, a new plan up front.
        store.objects.remove(BUCKET + "/" + key("c"));
        java.io.IOException broken = assertThrows(java.io.IOException.class, () -> c.open(0, c.size()).readAllBytes());
        assertTrue(broken.getMessage().contains(key("c")), broken.getMessage());
        try (SegmentPlayback cold = new SegmentPlayback(recordings, store, BUCKET, Clock.systemUTC())) {
            VigilException lost = assertThrows(VigilException.class, () -> cold.movie(CAMERA, range(61, 62)));
            assertEquals(ErrorKind.DATA_LOSS, lost.kind());
            assertTrue(lost.getMessage().contains(key("c")) && lost.getMessage().contains("missing from the store"),
                    lost.getMessage());
        }
    }

    @Test
    void realFootagePlaysAndSeeksInFfmpeg() throws Exception {
        Path source = footage();
        List<Picture> pictures = fromFootage(source);
        ParameterSets ps = pictures.get(0).parameterSets();
        record("a", ps, pictures, 0, 300, T0, 300);
        record("b", ps, pictures, 300, 300, T0.plusSeconds(30), 600);
        record("c", ps, pictures, 600, 195, T0.plusSeconds(60), -1);

        PlaybackMovie movie = playback.movie(CAMERA, range(10.05, 75));
        assertEquals(T0.plusSeconds(10), movie.start(), "the key frame at 10 s (GOP 20)");
        assertEquals(T0.plusSeconds(75), movie.end());
        assertEquals(650, movie.pictures());
        Path file = dir.resolve("movie.mp4");
        try (InputStream in = movie.open(0, movie.size())) {
            Files.copy(in, file);
        }
        assertEquals("h264,768,576,650", ffprobe("-select_streams", "v:0", "-count_frames", "-show_entries",
                "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0:s=,", file.toString()).strip());
        assertEquals(65.0, Double.parseDouble(ffprobe("-show_entries", "format=duration", "-of", "csv=p=0",
                file.toString()).strip()), 0.001);
        List<String> packets = ffprobe("-select_streams", "v:0", "-show_entries", "packet=pts_time", "-of", "csv=p=0",
                file.toString()).lines().filter(l -> !l.isBlank()).toList();
        for (int i = 0; i < packets.size(); i++) {
            assertEquals(i / 10.0, Double.parseDouble(packets.get(i)), 1e-6, "picture " + i + " at wall clock - 10 s");
        }
        assertEquals("", exec(FFMPEG.toString(), "-v", "error", "-i", file.toString(), "-f", "null", "-").stderr(),
                "clean decode");
        // Seek to 47.3 s (wall clock 57.3 s, in B): decoding starts at a key frame and yields pictures.
        Result seek = exec(FFMPEG.toString(), "-v", "error", "-ss", "47.3", "-i", file.toString(), "-frames:v", "5",
                "-f", "framemd5", "-");
        assertEquals(0, seek.exit(), seek.stderr());
        assertEquals(5, seek.stdout().lines().filter(l -> !l.startsWith("#")).count(), seek.stdout());
    }

    /** The pictures of the parsed movie are pictures {@code first..first+count-1} of {@code source}, 100 ms apart. */
    private static void assertPictures(ProgressiveMp4 mp4, List<Picture> source, int first, int count) {
        assertEquals(count, mp4.samples().size(), "pictures");
        for (int i = 0; i < count; i++) {
            ProgressiveMp4.Sample s = mp4.samples().get(i);
            Picture p = source.get(first + i);
            assertArrayEquals(p.sampleBytes(), s.bytes(), "bytes of picture " + (first + i));
            assertEquals(p.key(), s.sync(), "sync flag of picture " + (first + i));
            assertEquals(i * FRAME_90K, s.decodeTime(), "time of picture " + (first + i));
            assertEquals(FRAME_90K, s.duration(), "duration of picture " + (first + i));
        }
    }

    /** One picture: its NAL units as stored (parameter sets left out) and whether it is a key frame. */
    private record Picture(ParameterSets parameterSets, List<byte[]> nalUnits, boolean key) {
        byte[] sampleBytes() {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (byte[] nal : nalUnits) {
                int type = parameterSets.codec() == Codec.H264 ? nal[0] & 0x1F : (nal[0] >> 1) & 0x3F;
                boolean parameterSet = parameterSets.codec() == Codec.H264 ? type == 7 || type == 8
                        : type >= 32 && type <= 34;
                if (!parameterSet) {
                    b.writeBytes(new byte[] {(byte) (nal.length >>> 24), (byte) (nal.length >>> 16),
                            (byte) (nal.length >>> 8), (byte) nal.length});
                    b.writeBytes(nal);
                }
            }
            return b.toByteArray();
        }
    }

    /** Pictures whose slice is filled with the picture's number; for H.265 the same slice behind an H.265 header. */
    private static List<Picture> synthetic(ParameterSets ps, int count) {
        List<Picture> pictures = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            boolean key = n % 10 == 0;
            List<byte[]> nals = TestStreams.h264(CAMERA, n, 0, key, T0, false).nalUnits();
            if (ps.codec() == Codec.H265) {
                byte[] slice = nals.get(nals.size() - 1);
                byte[] h265 = new byte[slice.length + 1];
                System.arraycopy(slice, 1, h265, 2, slice.length - 1);
                h265[0] = (byte) ((key ? 19 : 1) << 1); // IDR_W_RADL or TRAIL_R
                h265[1] = 1;
                nals = List.of(h265);
            }
            pictures.add(new Picture(ps, nals, key));
        }
        return pictures;
    }

    /** Writes pictures [first, first + count) as one segment from {@code start}, stores and catalogs it. */
    private void record(String name, ParameterSets ps, List<Picture> pictures, int first, int count, Instant start,
            int nextPicture) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Fmp4SegmentWriter writer = Fmp4SegmentWriter.open(bytes, ps, FragmentPolicy.DEFAULT);
        for (int i = 0; i < count; i++) {
            Picture p = pictures.get(first + i);
            writer.write(new AccessUnit(CAMERA, ps.codec(), p.nalUnits(), i * FRAME_90K, start.plusMillis(i * 100L),
                    p.key(), ps, false));
        }
        Fmp4SegmentSummary summary = nextPicture > 0 ? writer.finish((nextPicture - first) * FRAME_90K)
                : writer.finish();
        byte[] body = bytes.toByteArray();
        store.put(BUCKET, key(name), new ByteArrayInputStream(body), body.length, "video/mp4", Map.of());
        recordings.insert(new Recording(CAMERA, SiteId.of("depot"), CameraKind.SECURITY, start,
                start.plusMillis(summary.duration90k() / 90), body.length, ps.codec(), 768, 576, key(name),
                summary.sha256(), null));
    }

    private static String key(String name) {
        return "segments/depot/gate-3/" + name + ".mp4";
    }

    private static TimeRange range(double fromSeconds, double toSeconds) {
        return TimeRange.of(T0.plusMillis(Math.round(fromSeconds * 1000)), T0.plusMillis(Math.round(toSeconds * 1000)));
    }

    private Path footage() {
        String shared = System.getProperty("vigil.shared.dir");
        assumeTrue(shared != null, "system property vigil.shared.dir is not set: no test footage");
        Path source = Path.of(shared, "media", "vtest-h264.mp4");
        assumeTrue(Files.isReadable(source), "test footage " + source + " is absent (see ../shared/media/README.md)");
        assumeTrue(Files.isExecutable(FFMPEG) && Files.isExecutable(FFPROBE),
                "Debian's ffmpeg/ffprobe are not installed at /usr/bin (apt-get install ffmpeg)");
        return source;
    }

    /** The footage remuxed by ffmpeg into a fragmented MP4 and read back picture by picture. */
    private List<Picture> fromFootage(Path source) throws Exception {
        Path fragmented = dir.resolve("vtest-fragmented.mp4");
        Result remux = exec(FFMPEG.toString(), "-v", "error", "-y", "-i", source.toString(), "-map", "0:v:0", "-c",
                "copy", "-movflags", "frag_keyframe+empty_moov+default_base_moof", "-f", "mp4", fragmented.toString());
        assertEquals(0, remux.exit(), remux.stderr());
        List<Picture> pictures = new ArrayList<>();
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(fragmented))) {
            Fmp4Reader reader = Fmp4Reader.open(in);
            for (Fmp4Reader.Fragment f; (f = reader.nextFragment()) != null; ) {
                for (Fmp4Reader.Sample s : f.samples()) {
                    pictures.add(new Picture(reader.track().parameterSets(), s.nalUnits(), s.sync()));
                }
            }
        }
        assertEquals(795, pictures.size());
        return pictures;
    }

    private String ffprobe(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(FFPROBE.toString(), "-v", "error"));
        command.addAll(List.of(args));
        Result r = exec(command.toArray(String[]::new));
        assertEquals(0, r.exit(), String.join(" ", command) + ": " + r.stderr());
        return r.stdout();
    }

    private record Result(int exit, String stdout, String stderr) {}

    private Result exec(String... command) throws Exception {
        Path stdout = Files.createTempFile(dir, "out", ".txt");
        Path stderr = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " ran past 120 s");
        }
        return new Result(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }
}
