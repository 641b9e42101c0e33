package dev.vigil.bench.load;

import dev.vigil.bench.RunOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end ingest load run: N simulated 1080p25 cameras at about 4 Mbit/s (a 20 s loop
 * encoded once by Debian's ffmpeg/libx264, CBR, GOP 2 s) served by a simulator process, pulled
 * (a) by Vigil's gateway in one process and (b) by one Debian {@code ffmpeg -rtsp_transport tcp -i
 * URL -c copy -f null -} per camera, the model most NVRs use, on the same simulator in the same run.
 *
 * <p>Reported per side: CPU-seconds per stream-minute (utime+stime from /proc over the measured
 * window, after a warm-up), resident memory per stream, and for Vigil RTP packets lost, access
 * units received against those expected, reconnects and the simulator's skipped frames.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.vigil.bench.load.IngestLoadRun
 * [--cameras 10,100,300] [--ffmpeg-cameras 10] [--warmup 15] [--seconds 60] [--io-threads 2]
 * [--out FILE.json]}
 */
public final class IngestLoadRun {
    static final int FPS = 25;

    private IngestLoadRun() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = RunOptions.parse(args);
        List<Integer> counts = new ArrayList<>();
        for (String n : opts.getOrDefault("cameras", "10,100,300").split(",")) {
            counts.add(Integer.parseInt(n.strip()));
        }
        int ffmpegCameras = Integer.parseInt(opts.getOrDefault("ffmpeg-cameras", "10"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "15"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "60"));
        int ioThreads = Integer.parseInt(opts.getOrDefault("io-threads", "2"));
        Path work = Files.createTempDirectory("vigil-load");
        Path scene = work.resolve("scene.h264");
        generateScene(scene);
        long sceneBytes = Files.size(scene);
        System.out.printf(Locale.ROOT, "scene: 1920x1080 %d fps, 20 s loop, %.2f Mbit/s%n", FPS,
                sceneBytes * 8 / 20.0 / 1e6);

        List<String> rows = new ArrayList<>();
        StringBuilder json = new StringBuilder("{\"sceneMbps\":")
                .append(String.format(Locale.ROOT, "%.3f", sceneBytes * 8 / 20.0 / 1e6)).append(",\"runs\":[");
        double ffmpegCpuPerStreamMinute = Double.NaN;
        if (ffmpegCameras > 0) {
            Result ff = runFfmpeg(scene, ffmpegCameras, warmup, seconds);
            ffmpegCpuPerStreamMinute = ff.cpuPerStreamMinute();
            rows.add(ff.row());
            json.append(ff.json()).append(',');
        }
        for (int n : counts) {
            Result r = runVigil(scene, n, warmup, seconds, ioThreads);
            rows.add(r.row() + String.format(Locale.ROOT, "  ratio to ffmpeg CPU %.3f",
                    r.cpuPerStreamMinute() / ffmpegCpuPerStreamMinute));
            json.append(r.json()).append(',');
        }
        json.setLength(json.length() - 1);
        json.append("],\"ffmpegCpuPerStreamMinute\":").append(String.format(Locale.ROOT, "%.4f", ffmpegCpuPerStreamMinute))
                .append('}');
        System.out.println();
        System.out.println("side     streams  CPU-s/stream-min  RSS MiB  MiB/stream  lost  units/expected  reconnects  sim-skipped");
        rows.forEach(System.out::println);
        if (opts.containsKey("out")) {
            Files.writeString(Path.of(opts.get("out")), json + "\n");
        }
    }

    record Result(String side, int streams, double cpuSeconds, int seconds, long rssKib, long lost, long units,
            long expected, long reconnects, long simSkipped) {
        double cpuPerStreamMinute() {
            return cpuSeconds / (streams * seconds / 60.0);
        }

        String row() {
            return String.format(Locale.ROOT, "%-8s %7d  %16.4f  %7.0f  %10.2f  %4d  %6d/%-7d  %10d  %11d", side, streams,
                    cpuPerStreamMinute(), rssKib / 1024.0, rssKib / 1024.0 / streams, lost, units, expected, reconnects,
                    simSkipped);
        }

        String json() {
            return String.format(Locale.ROOT, "{\"side\":\"%s\",\"streams\":%d,\"seconds\":%d,\"cpuSeconds\":%.3f,"
                    + "\"cpuPerStreamMinute\":%.5f,\"rssKib\":%d,\"rtpPacketsLost\":%d,\"accessUnits\":%d,"
                    + "\"expectedAccessUnits\":%d,\"reconnects\":%d,\"simulatorSkippedFrames\":%d}", side, streams, seconds,
                    cpuSeconds, cpuPerStreamMinute(), rssKib, lost, units, expected, reconnects, simSkipped);
        }
    }

    static void generateScene(Path out) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=1920x1080:rate=" + FPS, "-t", "20", "-c:v", "libx264", "-preset", "ultrafast",
                "-tune", "zerolatency", "-b:v", "4M", "-maxrate", "4M", "-bufsize", "4M", "-g", "50", "-bf", "0",
                "-x264-params", "aud=1:nal-hrd=cbr:force-cfr=1", "-f", "h264", out.toString())
                .inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg could not encode the load scene (is Debian's ffmpeg installed?)");
        }
    }

    static Child startSimulator(Path scene, int cameras) throws IOException {
        Child sim = Child.java(List.of("-Xmx1g", "-Dio.netty.leakDetection.level=disabled"), SimulatorMain.class,
                scene.toString(), Integer.toString(FPS), Integer.toString(cameras), "0");
        String ready = sim.awaitLine("READY", 60);
        sim.port = Integer.parseInt(ready.substring("READY ".length()));
        return sim;
    }

    static Result runVigil(Path scene, int n, int warmup, int seconds, int ioThreads) throws Exception {
        Child sim = startSimulator(scene, n);
        Child gw = Child.java(List.of("-Xmx1g", "-Dio.netty.leakDetection.level=disabled"), GatewayMain.class,
                "rtsp://127.0.0.1:" + sim.port + "/sim/cam-", Integer.toString(n), Integer.toString(ioThreads));
        gw.awaitLine("READY", 60);
        TimeUnit.SECONDS.sleep(warmup);
        Map<String, Long> before = gw.status();
        double cpu0 = Proc.cpuSeconds(gw.pid());
        TimeUnit.SECONDS.sleep(seconds);
        double cpu1 = Proc.cpuSeconds(gw.pid());
        Map<String, Long> after = gw.status();
        long rss = Proc.rssKib(gw.pid());
        gw.closeInput();
        gw.waitFor(60);
        sim.closeInput();
        String sent = sim.awaitLine("SENT", 30);
        sim.waitFor(30);
        long skipped = Long.parseLong(sent.substring(sent.indexOf("SKIPPED ") + 8).strip());
        return new Result("vigil", n, cpu1 - cpu0, seconds, rss, after.get("lost") - before.get("lost"),
                after.get("units") - before.get("units"), (long) n * FPS * seconds,
                after.get("reconnects"), skipped);
    }

    static Result runFfmpeg(Path scene, int n, int warmup, int seconds) throws Exception {
        Child sim = startSimulator(scene, n);
        List<Process> ffmpegs = new ArrayList<>();
        try {
            for (int i = 1; i <= n; i++) {
                ffmpegs.add(new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", "tcp", "-i",
                        "rtsp://127.0.0.1:" + sim.port + "/sim/cam-" + i, "-c", "copy", "-f", "null", "-")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start());
            }
            TimeUnit.SECONDS.sleep(warmup);
            double cpu0 = 0;
            for (Process p : ffmpegs) {
                cpu0 += Proc.cpuSeconds(p.pid());
            }
            TimeUnit.SECONDS.sleep(seconds);
            double cpu1 = 0;
            long rss = 0;
            int alive = 0;
            for (Process p : ffmpegs) {
                cpu1 += Proc.cpuSeconds(p.pid());
                rss += Proc.rssKib(p.pid());
                alive += p.isAlive() ? 1 : 0;
            }
            if (alive != n) {
                System.out.println("warning: only " + alive + " of " + n + " ffmpeg processes were still running");
            }
            return new Result("ffmpeg", n, cpu1 - cpu0, seconds, rss, -1, -1, -1, -1, -1);
        } finally {
            ffmpegs.forEach(Process::destroy);
            for (Process p : ffmpegs) {
                p.waitFor(10, TimeUnit.SECONDS);
            }
            sim.closeInput();
            sim.waitFor(30);
        }
    }

    /** A Java child process on this process's class path, talked to over stdin/stdout. */
    static final class Child {
        private final Process process;
        private final BufferedReader out;
        private final OutputStream in;
        int port;

        private Child(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = process.getOutputStream();
        }

        static Child java(List<String> jvmArgs, Class<?> main, String... args) throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(jvmArgs);
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(main.getName());
            cmd.addAll(List.of(args));
            return new Child(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start());
        }

        long pid() {
            return process.pid();
        }

        String awaitLine(String prefix, int timeoutSeconds) throws IOException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(prefix)) {
                    return line;
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
            throw new IOException("child " + process.pid() + " did not print " + prefix);
        }

        Map<String, Long> status() throws IOException {
            in.write("STATUS\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            String line = awaitLine("STATUS", 30);
            Map<String, Long> values = new LinkedHashMap<>();
            for (String kv : line.substring("STATUS ".length()).split(" ")) {
                String[] p = kv.split("=");
                values.put(p[0], Long.parseLong(p[1]));
            }
            return values;
        }

        void closeInput() throws IOException {
            in.close();
        }

        void waitFor(int seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** CPU time and resident memory of a process, from /proc. */
    static final class Proc {
        private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux x86-64

        static double cpuSeconds(long pid) throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields after the command: state(3) ... utime(14) stime(15), here 0-based from state.
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        }

        static long rssKib(long pid) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        }
    }
}
