package dev.vigil.analytics.decode;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The shared test footage ({@code vigil.shared.dir}/media, see its README): real surveillance
 * video, 768x576, 10 fps, 795 frames, GOP 20, as H.264 and H.265 MP4. Tests that need it skip
 * with a message when it is absent. Demuxed units are cached per file (they are immutable).
 */
final class SharedMedia {
    static final String H264 = "vtest-h264.mp4";
    static final String H265 = "vtest-h265.mp4";
    private static final ConcurrentHashMap<String, List<AccessUnit>> UNITS = new ConcurrentHashMap<>();

    private SharedMedia() {}

    /** The file, or the test is skipped with a message saying why. */
    static Path file(String name) {
        String dir = System.getProperty("vigil.shared.dir", "../../shared");
        Path file = Path.of(dir, "media", name);
        assumeTrue(Files.isRegularFile(file), "skipped: test footage " + file.toAbsolutePath()
                + " is absent (set -Dvigil.shared.dir to the shared folder holding media/" + name + ")");
        return file;
    }

    /** The file's access units for camera {@code cam}. */
    static List<AccessUnit> units(String name, CameraId cam) {
        List<AccessUnit> units = UNITS.computeIfAbsent(name, n -> ContainerDemuxer.readAll(file(n), CameraId.of("media")));
        return units.stream().map(u -> new AccessUnit(cam, u.codec(), u.nalUnits(), u.pts90k(), u.wallClock(),
                u.keyframe(), u.parameterSets(), u.discontinuity())).toList();
    }

    /** Frames in the file's video stream by Debian's {@code ffprobe -count_frames}; skipped without ffprobe. */
    static int ffprobeFrameCount(Path file) throws IOException, InterruptedException {
        Path ffprobe = Path.of("/usr/bin/ffprobe");
        assumeTrue(Files.isExecutable(ffprobe), "skipped: " + ffprobe + " is absent (apt-get install ffmpeg)");
        Process p = new ProcessBuilder(ffprobe.toString(), "-v", "error", "-select_streams", "v:0", "-count_frames",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffprobe failed on " + file + ": " + out);
        }
        return Integer.parseInt(out);
    }
}
