package dev.vigil.bench.load;

import dev.vigil.bench.RunOptions;
import dev.vigil.bench.load.IngestLoadRun.Child;
import dev.vigil.bench.load.IngestLoadRun.Proc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Recording under load: N simulated 1080p 4 Mbit/s cameras (the scene of {@link IngestLoadRun})
 * recorded (a) by Vigil's gateway and segment recorders in one process into a spool on disk, and
 * (b) by one Debian {@code ffmpeg -rtsp_transport tcp -i URL -c copy -f segment -segment_time 60
 * -segment_format mp4 out%03d.mp4} per camera (the pattern Frigate uses), in the same run.
 * Reports CPU-seconds per stream-minute, resident memory per stream, bytes written per
 * stream-minute, and for Vigil the segment breaks, skipped pictures and subscriber drops (gaps).
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.vigil.bench.load.RecordLoadRun
 * [--cameras 10,100,300] [--ffmpeg-cameras 10] [--warmup 20] [--seconds 120] [--segment-seconds 60]
 * [--out FILE.json]}
 */
public final class RecordLoadRun {
    private RecordLoadRun() {}

    record Result(String side, int streams, double cpuSeconds, int seconds, long rssKib, long bytesWritten,
            Map<String, Long> gaps) {
        double cpuPerStreamMinute() {
            return cpuSeconds / (streams * seconds / 60.0);
        }

        String row() {
            return String.format(Locale.ROOT, "%-7s %7d  %16.4f  %8.0f  %10.2f  %14.2f  %s", side, streams,
                    cpuPerStreamMinute(), rssKib / 1024.0, rssKib / 1024.0 / streams,
                    bytesWritten / 1e6 / (streams * seconds / 60.0), gaps);
        }

        String json() {
            StringBuilder g = new StringBuilder("{");
            gaps.forEach((k, v) -> g.append('"').append(k).append("\":").append(v).append(','));
            if (g.length() > 1) {
                g.setLength(g.length() - 1);
            }
            g.append('}');
            return String.format(Locale.ROOT, "{\"side\":\"%s\",\"streams\":%d,\"seconds\":%d,\"cpuSeconds\":%.3f,"
                    + "\"cpuPerStreamMinute\":%.5f,\"rssKib\":%d,\"bytesWritten\":%d,\"counters\":%s}", side, streams,
                    seconds, cpuSeconds, cpuPerStreamMinute(), rssKib, bytesWritten, g);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = RunOptions.parse(args);
        List<Integer> counts = new ArrayList<>();
        for (String n : opts.getOrDefault("cameras", "10,100,300").split(",")) {
            counts.add(Integer.parseInt(n.strip()));
        }
        int ffmpegCameras = Integer.parseInt(opts.getOrDefault("ffmpeg-cameras", "10"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "20"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "120"));
        int segmentSeconds = Integer.parseInt(opts.getOrDefault("segment-seconds", "60"));
        Path work = Files.createTempDirectory("vigil-record-load");
        Path scene = work.resolve("scene.h264");
        IngestLoadRun.generateScene(scene);
        List<Result> results = new ArrayList<>();
        Result ff = null;
        if (ffmpegCameras > 0) {
            ff = runFfmpeg(scene, ffmpegCameras, warmup, seconds, segmentSeconds, work.resolve("ffmpeg"));
            results.add(ff);
        }
        for (int n : counts) {
            results.add(runVigil(scene, n, warmup, seconds, segmentSeconds, work.resolve("spool-" + n)));
        }
        System.out.println();
        System.out.println("side    streams  CPU-s/stream-min   RSS MiB  MiB/stream  MB/stream-min  counters");
        StringBuilder json = new StringBuilder("{\"runs\":[");
        for (Result r : results) {
            System.out.println(r.row() + (ff != null && r != ff ? String.format(Locale.ROOT,
                    "  ratio to ffmpeg CPU %.3f", r.cpuPerStreamMinute() / ff.cpuPerStreamMinute()) : ""));
            json.append(r.json()).append(',');
        }
        json.setLength(json.length() - 1);
        json.append("]}");
        if (opts.containsKey("out")) {
            Files.writeString(Path.of(opts.get("out")), json + "\n");
        }
        deleteTree(work);
    }

    static Result runVigil(Path scene, int n, int warmup, int seconds, int segmentSeconds, Path spool)
            throws Exception {
        Child sim = IngestLoadRun.startSimulator(scene, n);
        Child rec = Child.java(List.of("-Xmx2g", "-Dio.netty.leakDetection.level=disabled"), RecorderMain.class,
                "rtsp://127.0.0.1:" + sim.port + "/sim/cam-", Integer.toString(n), "2", spool.toString(),
                Integer.toString(segmentSeconds));
        rec.awaitLine("READY", 60);
        TimeUnit.SECONDS.sleep(warmup);
        Map<String, Long> before = rec.status();
        double cpu0 = Proc.cpuSeconds(rec.pid());
        TimeUnit.SECONDS.sleep(seconds);
        double cpu1 = Proc.cpuSeconds(rec.pid());
        Map<String, Long> after = rec.status();
        long rss = Proc.rssKib(rec.pid());
        rec.closeInput();
        rec.waitFor(60);
        sim.closeInput();
        sim.waitFor(30);
        Map<String, Long> counters = new LinkedHashMap<>();
        for (String k : List.of("lost", "drops", "breaks", "skipped", "writeErrors", "reconnects", "segments")) {
            counters.put(k, after.get(k) - (k.equals("skipped") ? 0 : before.get(k)));
        }
        counters.put("units", after.get("units") - before.get("units"));
        counters.put("expectedUnits", (long) n * IngestLoadRun.FPS * seconds);
        // Bytes written: finished segments' bytes over the window, plus what the open ones hold is not
        // counted; with whole segments inside the window this is exact enough per stream-minute.
        long bytes = after.get("segmentBytes") - before.get("segmentBytes");
        return new Result("vigil", n, cpu1 - cpu0, seconds, rss, bytes, counters);
    }

    static Result runFfmpeg(Path scene, int n, int warmup, int seconds, int segmentSeconds, Path out)
            throws Exception {
        Child sim = IngestLoadRun.startSimulator(scene, n);
        List<Process> ffmpegs = new ArrayList<>();
        try {
            for (int i = 1; i <= n; i++) {
                Path dir = Files.createDirectories(out.resolve("cam-" + i));
                ffmpegs.add(new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", "tcp", "-i",
                        "rtsp://127.0.0.1:" + sim.port + "/sim/cam-" + i, "-c", "copy", "-f", "segment",
                        "-segment_time", Integer.toString(segmentSeconds), "-segment_format", "mp4",
                        dir.resolve("out%03d.mp4").toString())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start());
            }
            TimeUnit.SECONDS.sleep(warmup);
            double cpu0 = 0;
            for (Process p : ffmpegs) {
                cpu0 += Proc.cpuSeconds(p.pid());
            }
            long bytes0 = treeBytes(out);
            TimeUnit.SECONDS.sleep(seconds);
            double cpu1 = 0;
            long rss = 0;
            int alive = 0;
            for (Process p : ffmpegs) {
                cpu1 += Proc.cpuSeconds(p.pid());
                rss += Proc.rssKib(p.pid());
                alive += p.isAlive() ? 1 : 0;
            }
            long bytes = treeBytes(out) - bytes0;
            return new Result("ffmpeg", n, cpu1 - cpu0, seconds, rss, bytes, Map.of("alive", (long) alive));
        } finally {
            ffmpegs.forEach(Process::destroy);
            for (Process p : ffmpegs) {
                p.waitFor(10, TimeUnit.SECONDS);
            }
            sim.closeInput();
            sim.waitFor(30);
        }
    }

    private static long treeBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
