package dev.vigil.app.police;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's {@code chromium}, headless, driven over the Chrome DevTools Protocol (a WebSocket, JSON
 * messages {@code {id, method, params}}; https://chromedevtools.github.io/devtools-protocol/):
 * navigate the page, then evaluate an async script and take the value its promise resolves to.
 * Started with its own profile folder, no sandbox (tests run as root in CI), autoplay allowed.
 *
 * <p>{@link #start} skips the test when chromium is not installed, except in CI (environment
 * variable {@code CI} set, as {@code .ci/run} does), where chromium is installed and its absence
 * is a failure.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private HeadlessChromium(Process process, WebSocket socket, Listener listener) {
        this.process = process;
        this.socket = socket;
        listener.owner = this;
    }

    /** Starts chromium with its profile under {@code dir} and connects to its first page. */
    static HeadlessChromium start(Path dir) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            if (System.getenv("CI") != null) {
                throw new AssertionError(CHROMIUM + " is missing in CI (.ci/run installs Debian's chromium)");
            }
            assumeTrue(false, "Debian's chromium is not installed at " + CHROMIUM
                    + " (apt-get install chromium); the browser playback test is skipped");
        }
        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        Process process = new ProcessBuilder(CHROMIUM.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--mute-audio",
                "--autoplay-policy=no-user-gesture-required", "--user-data-dir=" + profile,
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank")
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("chromium did not open its DevTools port: "
                            + Files.readString(dir.resolve("chromium.log")));
                }
                Thread.sleep(100);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
            HttpClient http = HttpClient.newHttpClient();
            String page = null;
            while (page == null) {
                JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode t : targets) {
                    if (t.path("type").asText().equals("page")) {
                        page = t.path("webSocketDebuggerUrl").asText();
                    }
                }
                if (page == null) {
                    Thread.sleep(100);
                }
            }
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(page), listener).get(30, TimeUnit.SECONDS);
            return new HeadlessChromium(process, socket, listener);
        } catch (Exception | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Loads {@code url} in the page and waits for its load event. */
    void navigate(String url) throws Exception {
        ObjectNode params = JSON.createObjectNode().put("url", url);
        call("Page.navigate", params);
        evaluate("new Promise(r => document.readyState === 'complete' ? r('') : addEventListener('load', () => r('')))");
    }

    /**
     * Evaluates {@code expression} in the page, awaiting it if it is a promise, and returns its
     * value as a string.
     *
     * @throws AssertionError if the script throws
     */
    String evaluate(String expression) throws Exception {
        ObjectNode params = JSON.createObjectNode().put("expression", expression).put("awaitPromise", true)
                .put("returnByValue", true);
        JsonNode result = call("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new AssertionError("script failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value").asText();
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(JSON.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
        JsonNode reply = answer.get(180, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new AssertionError(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    /** Collects frames into messages and completes the call each answers. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        HeadlessChromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(text.toString());
                    if (message.has("id") && owner != null) {
                        CompletableFuture<JsonNode> f = owner.pending.remove(message.get("id").asInt());
                        if (f != null) {
                            f.complete(message);
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("chromium sent a message that is not JSON", e);
                } finally {
                    text.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // chromium is stopped below either way
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** For messages: the last lines chromium printed. */
    static List<String> log(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("chromium.log"));
        return lines.subList(Math.max(0, lines.size() - 20), lines.size());
    }
}
