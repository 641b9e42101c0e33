package dev.vigil.app.gst;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * GStreamer's gst-rtsp-server (Debian's packages, run by Debian's python3) as a camera that Vigil
 * did not write: {@code ingest/src/test/resources/gst/rtsp_server.py}. Tests that use it are skipped
 * with a message where the packages are missing.
 */
final class GstRtspServer implements AutoCloseable {
    static final Path SCRIPT = Path.of("..", "ingest", "src", "test", "resources", "gst", "rtsp_server.py");
    private static final String PYTHON = "/usr/bin/python3";

    private final List<String> args;
    private final Map<String, String> env;
    private final int port;
    private Process process;

    private GstRtspServer(List<String> args, Map<String, String> env, int port) {
        this.args = List.copyOf(args);
        this.env = Map.copyOf(env);
        this.port = port;
    }

    /** Skips the calling test unless python3 with GStreamer's RTSP server bindings is installed. */
    static void assumeAvailable() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is missing (apt-get install python3-gi)");
        Process p = new ProcessBuilder(PYTHON, "-c",
                "import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer")
                .redirectErrorStream(true).start();
        boolean done = p.waitFor(30, TimeUnit.SECONDS);
        assumeTrue(done && p.exitValue() == 0, "GStreamer's RTSP server bindings are missing (apt-get install "
                + "python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-{base,good,ugly,bad})");
    }

    /** Starts a server on a free port; {@code extra} are the script's options. */
    static GstRtspServer start(Map<String, String> env, String... extra) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> args = new ArrayList<>(List.of(extra));
        GstRtspServer server = new GstRtspServer(args, env, port);
        server.restart();
        return server;
    }

    /** (Re)starts the process on the same port. */
    void restart() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, SCRIPT.toString(), "--port", Integer.toString(port)));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        process = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
            if (line.startsWith("READY")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe empty
                        }
                    } catch (IOException ignored) {
                        // process ended
                    }
                }, "gst-output");
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        process.destroyForcibly();
        throw new IOException("gst-rtsp-server did not start: last line " + line);
    }

    String url() {
        return "rtsp://127.0.0.1:" + port + "/test";
    }

    /** Sends a signal (KILL, STOP, CONT) to the server process. */
    void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + name + " failed");
        }
        if (name.equals("KILL")) {
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
