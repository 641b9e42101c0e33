package dev.vigil.analytics.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.AnalyticsMode;
import dev.vigil.core.model.CameraId;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No native memory leak: the shared footage decoded 20 times (a new decoder each pass, every fifth
 * pass the H.265 file, every picture scaled, key frames also converted to BGR) leaves the memory
 * outside the JVM's own pools (resident set from {@code /proc/self/status} minus the committed
 * heap and non-heap memory: JIT code cache and metaspace grow while the JVM warms up) where it was after the warm-up passes. The bound is far below
 * what one leaked packet (about 19 KB per picture), picture (660 KB) or codec context per pass
 * would add over the 7 passes between the windows (passes 8-12 and 15-19; the first 8 warm up:
 * the JIT compilers' arenas, which are outside both pools, grow for about 10 passes). The minimum
 * of each window is compared, since glibc's arenas make single samples jump by 30 MB and back.
 * Over a minute on one core, hence an integration test.
 */
class NativeMemoryIT {
    private static final long BOUND_KIB = 12 * 1024;

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
            MemoryMXBean jvm = ManagementFactory.getMemoryMXBean();
            rss.add(rssKib() - (jvm.getHeapMemoryUsage().getCommitted()
                    + jvm.getNonHeapMemoryUsage().getCommitted()) / 1024);
        }
        String report = "resident set minus the JVM's committed heap and non-heap after each pass (KiB): " + rss;
        System.out.println("NativeMemoryIT: " + report);
        long settled = min(rss.subList(8, 13));
        long last = min(rss.subList(15, 20));
        assertTrue(last - settled < BOUND_KIB, report);
    }

    private static long min(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).min().orElseThrow();
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
