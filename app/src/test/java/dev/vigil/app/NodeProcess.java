package dev.vigil.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** {@code vigil demo} as a child process of a test, run from the packaged jar as {@code ./vigil} runs it. */
public final class NodeProcess {
    private NodeProcess() {
    }

    /**
     * Starts {@code demo --data-dir DIR --seconds N} with every port free-chosen (through
     * {@code VIGIL_*} variables); its output lines are added to {@code output} as they come.
     */
    public static Process demo(Path jar, Path dataDir, int seconds, List<String> output) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-jar", jar.toString(), "demo", "--data-dir", dataDir.toString(), "--seconds",
                Integer.toString(seconds));
        pb.redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("VIGIL_"));
        env.put("VIGIL_OBJECT_STORE_EMBEDDED_PORT", "0");
        env.put("VIGIL_KAFKA_EMBEDDED_PORT", "0");
        env.put("VIGIL_KAFKA_EMBEDDED_CONTROLLER_PORT", "0");
        env.put("VIGIL_SIMULATOR_PORT", "0");
        env.put("VIGIL_API_PORT", "0");
        Process process = pb.start();
        List<String> sink = Collections.synchronizedList(output);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    sink.add(line);
                }
            } catch (IOException ignored) {
                // The process ended.
            }
        }, "node-output");
        reader.setDaemon(true);
        reader.start();
        return process;
    }
}
