package dev.vigil.storage.mp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.ParameterSets;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stream copy of the real footage ({@code ../shared/media/vtest-h264.mp4} and
 * {@code vtest-h265.mp4}: 768x576, 10 fps, 795 frames, GOP 20) into fragmented MP4, checked with
 * Debian's ffprobe/ffmpeg: codec, size and frame count, monotonic timestamps, error-free decode,
 * decoded pictures identical to the source's, and container overhead under 1 %.
 */
@Timeout(300)
class Fmp4SegmentWriterIT {
    private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
    private static final Path FFPROBE = Path.of("/usr/bin/ffprobe");
    private static final int FRAMES = 795;
    private static final long FRAME_90K = 9_000; // 10 fps
    private static final long START_PTS = 123_456_789L;
    private static final CameraId CAMERA = CameraId.of("vtest");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Codec.class)
    void streamCopyOfVtestPlaysInFfmpegWithTheSourcePictures(Codec codec) throws Exception {
        Path source = footage(codec);
        List<AccessUnit> units = accessUnits(source, codec);
        assertEquals(FRAMES, units.size(), "access units split from the source");
        ParameterSets ps = units.get(0).parameterSets();

        Path segment = dir.resolve("seg.mp4");
        long started = System.nanoTime();
        Fmp4SegmentSummary summary;
        try (OutputStream out = Files.newOutputStream(segment)) {
            Fmp4SegmentWriter writer = Fmp4SegmentWriter.open(out, ps, FragmentPolicy.DEFAULT);
            for (AccessUnit unit : units) {
                writer.write(unit);
            }
            summary = writer.finish();
        }
        double fileSeconds = (System.nanoTime() - started) / 1e9;

        byte[] written = Files.readAllBytes(segment);
        assertEquals(written.length, summary.bytesWritten());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(written)), summary.sha256());
        assertEquals(FRAMES, summary.sampleCount());
        assertEquals(80, summary.fragmentCount(), "79.5 s in 1 s fragments");
        assertEquals(START_PTS + FRAMES * FRAME_90K, summary.endPts90k());
        assertTrue(summary.overheadRatio() < 0.01, "container overhead " + summary.overheadRatio());

        String codecName = codec == Codec.H264 ? "h264" : "hevc";
        String tag = codec == Codec.H264 ? "avc1" : "hvc1";
        assertEquals(List.of(codecName, tag, "768", "576", String.valueOf(FRAMES)), List.of(run(FFPROBE.toString(),
                "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries",
                "stream=codec_name,codec_tag_string,width,height,nb_read_frames", "-of", "csv=p=0:s=,",
                segment.toString()).strip().split(",")));
        assertMonotonicPackets(segment);
        String decodeErrors = runForStderr(FFMPEG.toString(), "-v", "error", "-i", segment.toString(), "-f", "null", "-");
        assertEquals("", decodeErrors, "ffmpeg decode of the segment");
        assertEquals(decodedMd5(source), decodedMd5(segment), "decoded pictures of the source and the segment");

        double inMemoryMBps = throughputToNullStream(units, ps);
        System.out.printf(Locale.ROOT, "%s: %d bytes, payload %d, container %d (%.3f %%), %d fragments; "
                        + "file write %.1f MB/s, in-memory %.1f MB/s%n", codec, summary.bytesWritten(),
                summary.payloadBytes(), summary.containerBytes(), 100 * summary.overheadRatio(),
                summary.fragmentCount(), summary.bytesWritten() / 1e6 / fileSeconds, inMemoryMBps);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void consecutiveSegmentsAbutAndTogetherHoldEveryFrame(Codec codec) throws Exception {
        List<AccessUnit> units = accessUnits(footage(codec), codec);
        ParameterSets ps = units.get(0).parameterSets();
        // Cut a new segment at the first key frame at or after every 30 s, as a recorder would.
        List<List<AccessUnit>> segments = new ArrayList<>();
        for (AccessUnit unit : units) {
            if (segments.isEmpty() || unit.keyframe()
                    && unit.pts90k() - segments.get(segments.size() - 1).get(0).pts90k() >= 30 * 90_000L) {
                segments.add(new ArrayList<>());
            }
            segments.get(segments.size() - 1).add(unit);
        }
        assertEquals(3, segments.size());
        int frames = 0;
        long expectedFirst = START_PTS;
        for (int i = 0; i < segments.size(); i++) {
            Path file = dir.resolve("seg-" + i + ".mp4");
            Fmp4SegmentSummary summary;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                Fmp4SegmentWriter writer = Fmp4SegmentWriter.open(out, ps, FragmentPolicy.DEFAULT);
                segments.get(i).forEach(writer::write);
                summary = i + 1 < segments.size() ? writer.finish(segments.get(i + 1).get(0).pts90k()) : writer.finish();
            }
            assertEquals(expectedFirst, summary.firstPts90k());
            expectedFirst = summary.endPts90k();
            assertTrue(summary.overheadRatio() < 0.01, "container overhead " + summary.overheadRatio());
            frames += Integer.parseInt(run(FFPROBE.toString(), "-v", "error", "-select_streams", "v:0", "-count_frames",
                    "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", file.toString()).strip());
            assertEquals("", runForStderr(FFMPEG.toString(), "-v", "error", "-i", file.toString(), "-f", "null", "-"));
        }
        assertEquals(FRAMES, frames);
    }

    private Path footage(Codec codec) {
        String shared = System.getProperty("vigil.shared.dir");
        assumeTrue(shared != null, "system property vigil.shared.dir is not set: no test footage");
        Path source = Path.of(shared, "media", codec == Codec.H264 ? "vtest-h264.mp4" : "vtest-h265.mp4");
        assumeTrue(Files.isReadable(source), "test footage " + source + " is absent (see ../shared/media/README.md)");
        assumeTrue(Files.isExecutable(FFMPEG) && Files.isExecutable(FFPROBE),
                "Debian's ffmpeg/ffprobe are not installed at /usr/bin (apt-get install ffmpeg)");
        return source;
    }

    /** Annex B from ffmpeg's bitstream filter, split into access units with 10 fps pts. */
    private List<AccessUnit> accessUnits(Path source, Codec codec) throws Exception {
        Path annexB = dir.resolve(codec == Codec.H264 ? "vtest.h264" : "vtest.h265");
        String bsf = codec == Codec.H264 ? "h264_mp4toannexb" : "hevc_mp4toannexb";
        String format = codec == Codec.H264 ? "h264" : "hevc";
        run(FFMPEG.toString(), "-v", "error", "-y", "-i", source.toString(), "-c", "copy", "-bsf:v", bsf, "-f", format,
                annexB.toString());
        List<AnnexBAccessUnitSplitter.Unit> split =
                AnnexBAccessUnitSplitter.split(Files.readAllBytes(annexB), codec);
        ParameterSets ps = parameterSets(split.get(0), codec);
        List<AccessUnit> units = new ArrayList<>(split.size());
        for (int i = 0; i < split.size(); i++) {
            long pts = START_PTS + i * FRAME_90K;
            units.add(new AccessUnit(CAMERA, codec, split.get(i).nalUnits(), pts, Instant.EPOCH.plusMillis(pts / 90),
                    split.get(i).keyframe(), ps, false));
        }
        return units;
    }

    private static ParameterSets parameterSets(AnnexBAccessUnitSplitter.Unit first, Codec codec) {
        byte[] vps = null;
        byte[] sps = null;
        byte[] pps = null;
        for (byte[] nal : first.nalUnits()) {
            int type = codec == Codec.H264 ? nal[0] & 0x1F : (nal[0] >> 1) & 0x3F;
            if (codec == Codec.H264 ? type == 7 : type == 33) {
                sps = nal;
            } else if (codec == Codec.H264 ? type == 8 : type == 34) {
                pps = nal;
            } else if (codec == Codec.H265 && type == 32) {
                vps = nal;
            }
        }
        return new ParameterSets(codec, vps, sps, pps);
    }

    private void assertMonotonicPackets(Path segment) throws Exception {
        String csv = run(FFPROBE.toString(), "-v", "error", "-select_streams", "v:0", "-show_entries",
                "packet=pts_time,dts_time", "-of", "csv=p=0", segment.toString());
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(FRAMES, lines.size(), "packets");
        double previous = -1;
        for (String line : lines) {
            String[] f = line.split(",");
            double pts = Double.parseDouble(f[0]);
            double dts = Double.parseDouble(f[1]);
            assertEquals(pts, dts, 1e-9, "no reordering: " + line);
            assertTrue(pts > previous, "pts " + pts + " after " + previous);
            previous = pts;
        }
        assertEquals(0.0, Double.parseDouble(lines.get(0).split(",")[0]), 1e-9, "segment starts at 0");
        assertEquals((FRAMES - 1) / 10.0, previous, 1e-6, "last frame at 79.4 s");
    }

    private String decodedMd5(Path file) throws Exception {
        return run(FFMPEG.toString(), "-v", "error", "-i", file.toString(), "-map", "0:v:0", "-f", "md5", "-").strip();
    }

    /** MB/s (10^6 bytes) of the writer alone, SHA-256 included, best of 5 runs after warm-up. */
    private static double throughputToNullStream(List<AccessUnit> units, ParameterSets ps) {
        double best = 0;
        for (int run = 0; run < 8; run++) {
            long started = System.nanoTime();
            Fmp4SegmentWriter writer = Fmp4SegmentWriter.open(OutputStream.nullOutputStream(), ps, FragmentPolicy.DEFAULT);
            units.forEach(writer::write);
            long bytes = writer.finish().bytesWritten();
            double mbps = bytes / 1e6 / ((System.nanoTime() - started) / 1e9);
            if (run >= 3) {
                best = Math.max(best, mbps);
            }
        }
        return best;
    }

    private String run(String... command) throws Exception {
        Result r = exec(command);
        assertEquals(0, r.exit, String.join(" ", command) + " failed: " + r.stderr);
        return r.stdout;
    }

    private String runForStderr(String... command) throws Exception {
        Result r = exec(command);
        assertEquals(0, r.exit, String.join(" ", command) + " failed: " + r.stderr);
        return r.stderr;
    }

    private record Result(int exit, String stdout, String stderr) {}

    private Result exec(String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " ran past 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
