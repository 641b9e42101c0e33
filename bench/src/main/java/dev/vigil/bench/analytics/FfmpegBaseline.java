package dev.vigil.bench.analytics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code ffmpeg -threads 1 -benchmark -i FILE -f null -}: decodes the file on one thread
 * and reports its own user and system CPU time ({@code bench: utime=...s stime=...s}), which
 * covers demuxing and decoding, not process start-up.
 */
final class FfmpegBaseline {
    private static final Pattern BENCH = Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s rtime=([0-9.]+)s");
    private static final Pattern FRAMES = Pattern.compile("frame=\\s*(\\d+)");

    /**
     * One run's result.
     *
     * @param frames pictures ffmpeg reports as output
     * @param cpuSeconds user + system CPU
     * @param wallSeconds real time of the decode loop
     */
    record Result(long frames, double cpuSeconds, double wallSeconds) {
        double framesPerCpuSecond() {
            return frames / cpuSeconds;
        }
    }

    private FfmpegBaseline() {}

    /**
     * Decodes every picture of {@code file} {@code plays} times ({@code -stream_loop}); with
     * {@code keyframesOnly}, {@code -skip_frame nokey}.
     */
    static Result run(Path file, boolean keyframesOnly, int plays) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-benchmark", "-threads", "1",
                "-stream_loop", Integer.toString(plays - 1)));
        if (keyframesOnly) {
            cmd.addAll(List.of("-skip_frame", "nokey"));
        }
        cmd.addAll(List.of("-i", file.toString(), "-f", "null", "-"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("ffmpeg failed on " + file + ":\n" + out);
        }
        Matcher bench = BENCH.matcher(out);
        if (!bench.find()) {
            throw new IOException("ffmpeg printed no -benchmark line:\n" + out);
        }
        long frames = -1;
        Matcher m = FRAMES.matcher(out);
        while (m.find()) {
            frames = Long.parseLong(m.group(1));
        }
        return new Result(frames, Double.parseDouble(bench.group(1)) + Double.parseDouble(bench.group(2)),
                Double.parseDouble(bench.group(3)));
    }
}
