package dev.vigil.bench.analytics;

import dev.vigil.analytics.decode.CameraDecoder;
import dev.vigil.analytics.decode.ContainerDemuxer;
import dev.vigil.analytics.decode.DecodeListener;
import dev.vigil.analytics.decode.DecoderSettings;
import dev.vigil.analytics.frame.GreyFrame;
import dev.vigil.bench.RunOptions;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.AnalyticsMode;
import dev.vigil.core.model.CameraId;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Analytics decoding, one thread, against Debian's {@code ffmpeg -threads 1 -i FILE -f null -}
 * on the same file in the same run:
 * <ol>
 *   <li>{@code full}: one {@link CameraDecoder} in {@code full} mode decodes every picture and
 *       produces grey frames at 5 fps at the analysis width; reported as decoded pictures per
 *       CPU-second and as a ratio to ffmpeg's (target: at least 0.9);
 *   <li>{@code keyframes}: N cameras (default 100), each with its own decoder in
 *       {@code keyframes} mode, fed the same file interleaved; reported as cameras one core
 *       keeps up with at the file's GOP (target: at least 100 at a 2 s GOP), against ffmpeg
 *       with {@code -skip_frame nokey};
 *   <li>{@code bare}: bytedeco's libavcodec 8.0.1 in a minimal send/receive loop, which splits
 *       the ratio into what Vigil adds and what differs between FFmpeg 8.0.1 and Debian's 5.1.
 * </ol>
 * Every side decodes the file {@code passes} times (ffmpeg with {@code -stream_loop}). CPU is the
 * decoding thread's CPU time ({@link ThreadMXBean}) for Vigil, and ffmpeg's own
 * {@code -benchmark} utime+stime (which includes its demuxing; Vigil's units are demuxed before
 * timing). The sides run interleaved in {@code rounds} rounds; each round gives ratios, and the
 * median round is reported with the spread, besides each side's least CPU over the rounds.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.vigil.bench.analytics.DecodeRun
 * [--file FILE.mp4] [--passes 3] [--rounds 3] [--cameras 100] [--width 640] [--fps 5] [--out FILE.json]};
 * without {@code --file} it encodes a 20 s 1920x1080 25 fps scene with Debian's ffmpeg the way
 * the ingest load run does (libx264 ultrafast, 4 Mbit/s CBR, GOP 2 s, no B-frames), into MP4.
 */
public final class DecodeRun {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DecodeRun() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = RunOptions.parse(args);
        int passes = Integer.parseInt(opts.getOrDefault("passes", "3"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        int cameras = Integer.parseInt(opts.getOrDefault("cameras", "100"));
        int width = Integer.parseInt(opts.getOrDefault("width", "640"));
        int fps = Integer.parseInt(opts.getOrDefault("fps", "5"));
        Path file = opts.containsKey("file") ? Path.of(opts.get("file")) : generateScene();

        List<AccessUnit> units = ContainerDemuxer.readAll(file, CameraId.of("bench"));
        long keys = units.stream().filter(AccessUnit::keyframe).count();
        double frameTicks = (units.get(units.size() - 1).pts90k() - units.get(0).pts90k()) / (double) (units.size() - 1);
        double videoSeconds = units.size() * frameTicks / 90_000;
        double gopSeconds = videoSeconds / keys;
        System.out.printf(Locale.ROOT, "file: %s, %s, %d pictures, %d key frames, %.1f s, GOP %.2f s%n", file,
                units.get(0).codec(), units.size(), keys, videoSeconds, gopSeconds);

        DecoderSettings full = new DecoderSettings(AnalyticsMode.FULL, fps, width);
        runFull(units, full, 1); // warm-up: JIT, native libraries
        BareDecodeLoop.decode(units.get(0).codec(), BareDecodeLoop.packets(units), 1);
        FfmpegBaseline.Result ffFull = null;
        FfmpegBaseline.Result ffKeys = null;
        Side vigilFull = null;
        Side bare = null;
        Side vigilKeys = null;
        // Rounds interleave the sides so that a busy moment of the shared machine hits them alike:
        // each round gives its own ratios, and the median round is reported with the spread.
        List<Double> fullRatios = new ArrayList<>();
        List<Double> bareRatios = new ArrayList<>();
        List<Double> keyRatios = new ArrayList<>();
        double firstRssKibPerCamera = 0;
        for (int round = 0; round < rounds; round++) {
            FfmpegBaseline.Result f = FfmpegBaseline.run(file, false, passes);
            Side v = runFull(units, full, passes);
            Side b = runBare(units, passes);
            FfmpegBaseline.Result fk = FfmpegBaseline.run(file, true, passes);
            Side vk = runKeyframes(units, cameras, width, passes);
            fullRatios.add(v.picturesPerCpuSecond() / f.framesPerCpuSecond());
            bareRatios.add(b.picturesPerCpuSecond() / f.framesPerCpuSecond());
            keyRatios.add(vk.picturesPerCpuSecond() / fk.framesPerCpuSecond());
            System.out.printf(Locale.ROOT, "round %d CPU-s: ffmpeg %.3f, vigil %.3f (ratio %.3f), bare %.3f (%.3f);"
                    + " ffmpeg keys %.3f, vigil keys %.3f for %d cameras (ratio %.3f)%n", round + 1, f.cpuSeconds(),
                    v.cpuSeconds, fullRatios.get(round), b.cpuSeconds, bareRatios.get(round), fk.cpuSeconds(),
                    vk.cpuSeconds, cameras, keyRatios.get(round));
            ffFull = least(ffFull, f);
            vigilFull = least(vigilFull, v);
            bare = least(bare, b);
            ffKeys = least(ffKeys, fk);
            vigilKeys = least(vigilKeys, vk);
            // Resident memory per decoder is measured once: later rounds reuse the memory freed by the first.
            firstRssKibPerCamera = round == 0 ? vk.rssKibPerCamera() : firstRssKibPerCamera;
        }
        vigilKeys = new Side(vigilKeys.pictures(), vigilKeys.analysed(), vigilKeys.cpuSeconds(), firstRssKibPerCamera);
        System.out.printf(Locale.ROOT, "median round: full ratio %.3f (%s), bare ratio %.3f (%s), keyframes ratio %.3f"
                + " (%s)%n", median(fullRatios), spread(fullRatios), median(bareRatios), spread(bareRatios),
                median(keyRatios), spread(keyRatios));
        System.out.println("least CPU of each side over the rounds:");

        double ffFps = ffFull.framesPerCpuSecond();
        double ffKeysPerCore = ffKeys.framesPerCpuSecond() / (keys / videoSeconds);
        System.out.printf(Locale.ROOT, "ffmpeg reported %d pictures full, %d with -skip_frame nokey (%d passes)%n",
                ffFull.frames(), ffKeys.frames(), passes);
        double vigilKeysPerCore = cameras * videoSeconds * passes / vigilKeys.cpuSeconds;
        System.out.println();
        System.out.println("side                      pictures  analysed  CPU-s    pictures/CPU-s  ratio to ffmpeg");
        System.out.printf(Locale.ROOT, "ffmpeg -threads 1 (full)  %8d  %8s  %6.3f  %14.1f  1%n", ffFull.frames(), "-",
                ffFull.cpuSeconds(), ffFps);
        row("vigil full", vigilFull, ffFps);
        row("bare libavcodec 8.0.1", bare, ffFps);
        System.out.println();
        System.out.printf(Locale.ROOT, "keyframes: ffmpeg -skip_frame nokey %.1f key frames/CPU-s = %.0f cameras per core"
                + " at a %.2f s GOP%n", ffKeys.framesPerCpuSecond(), ffKeysPerCore, gopSeconds);
        System.out.printf(Locale.ROOT, "keyframes: vigil %d cameras, %d key frames in %.3f CPU-s = %.1f key frames/CPU-s"
                + " = %.0f cameras per core at a %.2f s GOP (ratio %.2f); %s MiB resident native memory per camera decoder%n",
                cameras, vigilKeys.pictures, vigilKeys.cpuSeconds, vigilKeys.pictures / vigilKeys.cpuSeconds,
                vigilKeysPerCore, gopSeconds, vigilKeysPerCore / ffKeysPerCore, vigilKeys.rssKibPerCamera < 0
                        ? "n/a (the JVM's pools moved more than the decoders took; use more cameras)"
                        : String.format(Locale.ROOT, "%.2f", vigilKeys.rssKibPerCamera / 1024.0));

        if (opts.containsKey("out")) {
            String json = String.format(Locale.ROOT, "{\"file\":\"%s\",\"codec\":\"%s\",\"pictures\":%d,\"keyframes\":%d,"
                    + "\"videoSeconds\":%.2f,\"gopSeconds\":%.2f,\"analysisWidth\":%d,\"fps\":%d,\"passes\":%d,\"rounds\":%d,"
                    + "\"ffmpegFull\":{\"pictures\":%d,\"cpuSeconds\":%.3f,\"picturesPerCpuSecond\":%.2f},"
                    + "\"ffmpegKeyframes\":{\"pictures\":%d,\"cpuSeconds\":%.3f,\"camerasPerCore\":%.1f},"
                    + "\"vigilFull\":%s,\"bareLibavcodec\":%s,\"vigilKeyframes\":%s,"
                    + "\"fullRatio\":%.3f,\"bareRatio\":%.3f,\"vigilKeyframesCamerasPerCore\":%.1f,"
                    + "\"medianRound\":{\"fullRatio\":%.3f,\"bareRatio\":%.3f,\"keyframesRatio\":%.3f},"
                    + "\"roundRatios\":{\"full\":%s,\"bare\":%s,\"keyframes\":%s}}",
                    file.getFileName(), units.get(0).codec().wireName(), units.size(), keys, videoSeconds, gopSeconds,
                    width, fps, passes, rounds, ffFull.frames(), ffFull.cpuSeconds(), ffFps, ffKeys.frames(), ffKeys.cpuSeconds(),
                    ffKeysPerCore, vigilFull.json(), bare.json(), vigilKeys.json(),
                    vigilFull.picturesPerCpuSecond() / ffFps, bare.picturesPerCpuSecond() / ffFps, vigilKeysPerCore,
                    median(fullRatios), median(bareRatios), median(keyRatios), jsonList(fullRatios),
                    jsonList(bareRatios), jsonList(keyRatios));
            Files.writeString(Path.of(opts.get("out")), json + "\n");
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String jsonList(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.3f", v))
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    private static String spread(List<Double> values) {
        return String.format(Locale.ROOT, "%.3f-%.3f", values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }

    private static FfmpegBaseline.Result least(FfmpegBaseline.Result best, FfmpegBaseline.Result r) {
        return best == null || r.cpuSeconds() < best.cpuSeconds() ? r : best;
    }

    private static Side least(Side best, Side s) {
        return best == null || s.cpuSeconds < best.cpuSeconds ? s : best;
    }

    /** What one Vigil side did on this thread. */
    record Side(long pictures, long analysed, double cpuSeconds, double rssKibPerCamera) {
        double picturesPerCpuSecond() {
            return pictures / cpuSeconds;
        }

        String json() {
            return String.format(Locale.ROOT, "{\"pictures\":%d,\"analysed\":%d,\"cpuSeconds\":%.3f,"
                    + "\"picturesPerCpuSecond\":%.2f,\"rssKibPerCamera\":%.0f}", pictures, analysed, cpuSeconds,
                    picturesPerCpuSecond(), rssKibPerCamera);
        }
    }

    private static void row(String side, Side s, double ffFps) {
        System.out.printf(Locale.ROOT, "%-24s  %8d  %8d  %6.3f  %14.1f  %.3f%n", side, s.pictures, s.analysed,
                s.cpuSeconds, s.picturesPerCpuSecond(), s.picturesPerCpuSecond() / ffFps);
    }

    /** Counts pictures per camera decoder; the consumer reads each grey frame as a detector would. */
    private static final class Tally implements DecodeListener {
        long pictures;
        long analysed;
        long checksum;

        @Override
        public void decoded(CameraId camera, int frames, long nanos) {
            pictures += frames;
        }

        void onFrame(GreyFrame f) {
            analysed++;
            checksum += f.grey()[f.grey().length / 2];
        }
    }

    private static Side runFull(List<AccessUnit> units, DecoderSettings settings, int passes) {
        List<List<AccessUnit>> feeds = new ArrayList<>();
        for (int pass = 0; pass < passes; pass++) {
            feeds.add(shift(units, CameraId.of("full"), pass));
        }
        Tally tally = new Tally();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        try (CameraDecoder decoder = new CameraDecoder(CameraId.of("full"), settings, tally, System::nanoTime)) {
            for (List<AccessUnit> feed : feeds) {
                for (AccessUnit u : feed) {
                    decoder.decode(u, tally::onFrame);
                }
            }
        }
        double cpu = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
        return new Side(tally.pictures, tally.analysed, cpu, 0);
    }

    private static Side runBare(List<AccessUnit> units, int passes) {
        byte[][] packets = BareDecodeLoop.packets(units);
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long pictures = BareDecodeLoop.decode(units.get(0).codec(), packets, passes);
        return new Side(pictures, 0, (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9, 0);
    }

    private static Side runKeyframes(List<AccessUnit> units, int cameras, int width, int passes) throws IOException {
        DecoderSettings settings = new DecoderSettings(AnalyticsMode.KEYFRAMES, 5, width);
        List<List<AccessUnit>> feeds = new ArrayList<>();
        for (int c = 0; c < cameras; c++) {
            List<AccessUnit> feed = new ArrayList<>();
            for (int pass = 0; pass < passes; pass++) {
                feed.addAll(shift(units, CameraId.of("cam-" + c), pass));
            }
            feeds.add(feed);
        }
        System.gc();
        long rss0 = nativeKib();
        List<CameraDecoder> decoders = new ArrayList<>();
        Tally tally = new Tally();
        for (int c = 0; c < cameras; c++) {
            decoders.add(new CameraDecoder(CameraId.of("cam-" + c), settings, tally, System::nanoTime));
        }
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        int n = feeds.get(0).size();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < cameras; c++) {
                decoders.get(c).decode(feeds.get(c).get(i), tally::onFrame);
            }
        }
        double cpu = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
        long rss1 = nativeKib();
        decoders.forEach(CameraDecoder::close);
        return new Side(tally.pictures, tally.analysed, cpu, (rss1 - rss0) / (double) cameras);
    }

    /** The units as camera {@code camera}'s, moved later by {@code pass} times their duration. */
    private static List<AccessUnit> shift(List<AccessUnit> units, CameraId camera, int pass) {
        long span = units.get(units.size() - 1).pts90k() - units.get(0).pts90k()
                + (units.get(1).pts90k() - units.get(0).pts90k());
        long delta = span * pass;
        List<AccessUnit> out = new ArrayList<>(units.size());
        for (AccessUnit u : units) {
            out.add(new AccessUnit(camera, u.codec(), u.nalUnits(), u.pts90k() + delta,
                    u.wallClock().plusNanos(delta * 100_000 / 9), u.keyframe(), u.parameterSets(), false));
        }
        return out;
    }

    private static Path generateScene() throws IOException, InterruptedException {
        Path scene = Files.createTempDirectory("vigil-decode").resolve("scene-1080p25.mp4");
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=1920x1080:rate=25", "-t", "20", "-c:v", "libx264", "-preset", "ultrafast",
                "-tune", "zerolatency", "-b:v", "4M", "-maxrate", "4M", "-bufsize", "4M", "-g", "50", "-bf", "0",
                "-x264-params", "nal-hrd=cbr:force-cfr=1", "-pix_fmt", "yuv420p", scene.toString())
                .inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg could not encode the scene (is Debian's ffmpeg installed?)");
        }
        return scene;
    }

    /**
     * Resident memory outside the JVM's heap and non-heap pools (native memory, FFmpeg's): what a
     * decoder costs, without the heap's growing and shrinking.
     */
    private static long nativeKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                MemoryMXBean jvm = ManagementFactory.getMemoryMXBean();
                return Long.parseLong(line.replaceAll("[^0-9]", "")) - (jvm.getHeapMemoryUsage().getCommitted()
                        + jvm.getNonHeapMemoryUsage().getCommitted()) / 1024;
            }
        }
        return -1;
    }
}
