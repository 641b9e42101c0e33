package dev.vigil.analytics.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.AnalyticsMode;
import dev.vigil.core.model.CameraId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No native memory leak: the shared H.264 file decoded 20 times (a new decoder each pass, and a
 * pass reopening between codecs, every picture scaled and converted to BGR) leaves the process's
 * resident set where it was after the warm-up passes, within a bound far below what a leaked
 * packet, picture or codec context per pass would add (a 768x576 picture is 660 KB; 795 of them
 * per pass).
 */
class NativeMemoryTest {
    private static final long BOUND_KIB = 48 * 1024;

    @Test
    void decodingTheFileTwentyTimesDoesNotGrowResidentMemory() throws IOException {
        CameraId cam = CameraId.of("leak");
        List<AccessUnit> h264 = SharedMedia.units(SharedMedia.H264, cam);
        List<AccessUnit> h265 = SharedMedia.units(SharedMedia.H265, cam);
        List<Long> rss = new ArrayList<>();
        for (int pass = 0; pass < 20; pass++) {
            DecoderSettings settings = new DecoderSettings(AnalyticsMode.FULL, 60, 320);
            try (CameraDecoder decoder = new CameraDecoder(cam, settings)) {
                for (AccessUnit u : pass % 5 == 4 ? h265 : h264) {
                    decoder.decode(u, frame -> {
                        if (frame.keyframe()) {
                            frame.bgr(0);
                        }
                    });
                }
            }
            System.gc();
            rss.add(rssKib());
        }
        System.out.println("NativeMemoryTest: resident set after each pass (KiB): " + rss);
        long settled = rss.get(4);
        long max = rss.subList(5, rss.size()).stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(max - settled < BOUND_KIB, "resident set per pass (KiB): " + rss);
    }

    static long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
