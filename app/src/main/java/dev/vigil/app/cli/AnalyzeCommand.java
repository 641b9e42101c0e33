package dev.vigil.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.analytics.decode.CameraDecoder;
import dev.vigil.analytics.decode.ContainerDemuxer;
import dev.vigil.analytics.decode.DecoderSettings;
import dev.vigil.analytics.pipeline.AnalyzingConsumer;
import dev.vigil.analytics.pipeline.CameraAnalyzers;
import dev.vigil.core.config.AnalyticsConfig;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.ConfigException;
import dev.vigil.core.config.ConfigLoader;
import dev.vigil.core.config.CredentialRedaction;
import dev.vigil.core.config.CredentialsConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.AnalyticsEvent;
import dev.vigil.core.model.AnalyticsEventPhase;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.NormalizedBox;
import dev.vigil.core.model.Transport;
import dev.vigil.ingest.rtsp.RtspUrl;
import dev.vigil.ingest.supervisor.CameraHealth;
import dev.vigil.ingest.supervisor.Gateway;
import dev.vigil.ingest.supervisor.Subscription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./vigil analyze FILE-OR-URL}: runs a camera's analytics (the node's decoder, detectors,
 * tracker and rules) on a video file or an RTSP stream and prints one line per event when it
 * ends, so that an integrator can try rules before enabling them.
 *
 * <p>The camera config file holds one camera entry as in {@code vigil.yml} (its {@code analytics}
 * section is what counts; site, URL and credentials in it are ignored) and is checked by the same
 * validator, with the same key paths. Without one, every person the HOG detector finds anywhere
 * in the picture is an intrusion event.
 */
public final class AnalyzeCommand implements Command {
    private static final CameraId CAMERA = CameraId.of("analyze");
    private static final String PASSWORD_VARIABLE = "VIGIL_ANALYZE_URL_PASSWORD";
    /** The analytics used without {@code --camera-config}: a person anywhere in the picture. */
    static final String DEFAULT_ANALYTICS = """
            analytics:
              detectors: [hog]
              upscale: 1.5
              zones: [{name: picture, points: [[0, 0], [1, 0], [1, 1], [0, 1]]}]
              rules: [{id: person, type: intrusion, zone: picture, classes: [person]}]
            """;

    @Override
    public String name() {
        return "analyze";
    }

    @Override
    public String summary() {
        return "run a camera's analytics rules on a video file or RTSP stream and print the events";
    }

    @Override
    public String usage() {
        return """
                Usage: ./vigil analyze FILE-OR-RTSP-URL [--camera-config FILE] [--json] [--seconds N]
                                       [--snapshots DIR] [--time-zone ZONE] [--user U --password-env VAR]

                Decodes the video (an MP4/MOV/MKV file with H.264 or H.265, or an RTSP stream) and runs
                the analytics of one camera on it: motion, the detectors, the tracker and the rules.
                Prints one line per event when it ends (at the end of the input, every event still
                open ends). --json prints one JSON object per line instead, with rule, type, class,
                trackId, start, end, boxes (normalized x, y, w, h) and confidence.

                  --camera-config FILE  one camera entry as in vigil.yml; its analytics section
                                        (mode, fps, detectors, zones, lines, rules) is used.
                                        Default: an intrusion event for every person in the picture.
                  --seconds N           how much to analyse: RTSP default 60, files default all of it
                  --snapshots DIR       write each event's best frame (boxes drawn) as DIR/EVENT-ID.jpg
                  --time-zone ZONE      the time zone of the rules' schedules (default UTC)
                  --user U              RTSP user name; the password is read from --password-env VAR
                                        (user info in the URL works too and is never printed)

                A file's event times count from 1970-01-01T00:00:00Z at the file's start (so
                00:00:12Z is 12 s in). Exit status: 0 ok, 2 bad arguments or camera config,
                3 the input cannot be read, 4 its codec is not H.264/H.265, 5 the stream did not
                deliver video.""";
    }

    @Override
    public int run(List<String> argList, Console console) throws Exception {
        Arguments args = Arguments.parse(name(), argList,
                Set.of("camera-config", "seconds", "snapshots", "time-zone", "user", "password-env"), Set.of("json"));
        args.expectPositional(1, "one video file or RTSP URL");
        String input = args.positional().get(0);
        AnalyticsConfig analytics = analytics(args.option("camera-config").map(Path::of).orElse(null));
        ZoneId zone;
        try {
            zone = ZoneId.of(args.option("time-zone").orElse("UTC"));
        } catch (DateTimeException e) {
            throw new UsageException("analyze: --time-zone: not a time zone: " + args.option("time-zone").get());
        }
        Path snapshots = args.option("snapshots").map(Path::of).orElse(null);
        if (snapshots != null) {
            Files.createDirectories(snapshots);
        }
        EventPrinter printer = new EventPrinter(console, args.flag("json"), snapshots);
        boolean rtsp = input.toLowerCase(Locale.ROOT).startsWith("rtsp://")
                || input.toLowerCase(Locale.ROOT).startsWith("rtsps://");
        DecoderSettings settings = DecoderSettings.of(analytics);
        try (AnalyzingConsumer consumer = new AnalyzingConsumer(
                        CameraAnalyzers.create(CAMERA, analytics, zone, printer), report -> { });
                CameraDecoder decoder = new CameraDecoder(CAMERA, settings)) {
            if (rtsp) {
                int status = stream(input, args, console, decoder, consumer);
                if (status != 0) {
                    return status;
                }
            } else {
                Path file = Path.of(input);
                if (!Files.isReadable(file)) {
                    console.err().println("vigil analyze: cannot read " + file);
                    return 3;
                }
                // Demuxing is cheap next to decoding: units past --seconds are read and left.
                Instant stop = args.intOption("seconds", 1, 86_400).map(n -> Instant.EPOCH.plusSeconds(n))
                        .orElse(Instant.MAX);
                ContainerDemuxer.read(file, CAMERA, Instant.EPOCH, unit -> {
                    if (unit.wallClock().isBefore(stop)) {
                        decoder.decode(unit, consumer);
                    }
                });
            }
        } catch (VigilException e) {
            console.err().println("vigil analyze: " + e.getMessage());
            return e.kind() == ErrorKind.UNIMPLEMENTED ? 4 : e.kind() == ErrorKind.NOT_FOUND ? 3 : 1;
        }
        if (!args.flag("json")) {
            console.out().println(printer.count() + " events");
        }
        return 0;
    }

    /** Analyses an RTSP stream for {@code --seconds}; returns 0 or the exit status of a failure. */
    private static int stream(String url, Arguments args, Console console, CameraDecoder decoder,
            AnalyzingConsumer consumer) throws InterruptedException {
        int seconds = args.intOption("seconds", 1, 86_400).orElse(60);
        RtspUrl parsed;
        try {
            parsed = RtspUrl.parse(url);
        } catch (RuntimeException e) {
            throw new UsageException("analyze: not an rtsp:// URL: " + CredentialRedaction.redactUrl(url));
        }
        Map<String, String> env = new HashMap<>(console.env());
        CredentialsConfig credentials = StreamLogin.of("analyze", args, parsed, env, PASSWORD_VARIABLE);
        String clean = CredentialRedaction.stripUserInfo(url);
        CameraConfig camera = new CameraConfig(CAMERA.value(), "analyze", null, null, clean, null, Transport.AUTO,
                credentials, null, null, null, true);
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long units = 0;
        try (Gateway gateway = Gateway.start(List.of(camera), new ConfigLoader(Map.of()).load().ingest(), env,
                Clock.systemUTC(), 1);
                Subscription subscription = gateway.subscribe(CAMERA, 1024)) {
            while (System.nanoTime() < deadline) {
                AccessUnit unit = subscription.poll(Duration.ofMillis(100));
                if (unit != null) {
                    units++;
                    decoder.decode(unit, consumer);
                }
            }
            if (units == 0) {
                CameraHealth h = gateway.health(CAMERA);
                console.err().println("vigil analyze: no video from " + CredentialRedaction.redactUrl(url) + " in "
                        + seconds + " s" + (h.lastError() == null ? "" : ": " + h.lastError()));
                return 5;
            }
        }
        return 0;
    }

    /** The analytics section of {@code file} (a camera entry), validated; the default when {@code null}. */
    static AnalyticsConfig analytics(Path file) {
        String text;
        String source;
        if (file == null) {
            text = DEFAULT_ANALYTICS;
            source = "default analytics";
        } else {
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new UsageException("analyze: --camera-config " + file + ": cannot read: " + e.getMessage());
            }
            source = file.toString();
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode entry;
        try {
            entry = yaml.readTree(text);
        } catch (IOException e) {
            throw new UsageException("analyze: " + source + ": not valid YAML: " + e.getMessage());
        }
        if (entry == null || !entry.isObject()) {
            throw new UsageException("analyze: " + source + ": expected one camera entry (a mapping with analytics: ...)");
        }
        ObjectNode camera = ((ObjectNode) entry).deepCopy();
        // Only the analytics section matters here; where the camera is and how to reach it do not.
        for (String ignored : List.of("id", "site", "url", "detectUrl", "onvif", "credentials", "transport")) {
            camera.remove(ignored);
        }
        camera.put("id", CAMERA.value());
        camera.put("site", "analyze");
        camera.put("url", "rtsp://127.0.0.1/analyze");
        ObjectNode root = yaml.createObjectNode();
        root.putArray("sites").addObject().put("id", "analyze");
        root.putArray("cameras").add(camera);
        try {
            return new ConfigLoader(Map.of()).loadYaml(yaml.writeValueAsString(root), source).cameras().get(0)
                    .analytics();
        } catch (ConfigException e) {
            throw new UsageException("analyze: " + String.join("\n  ", e.problems()));
        } catch (IOException e) {
            throw new UsageException("analyze: " + source + ": " + e.getMessage());
        }
    }

    /** Prints each event when it ends; thread-confined to the decoding thread. */
    static final class EventPrinter implements dev.vigil.core.port.AnalyticsEventSink {
        private final Console console;
        private final boolean json;
        private final Path snapshots;
        private final ObjectMapper mapper = new ObjectMapper();
        private final Map<java.util.UUID, byte[]> best = new HashMap<>();
        private int count;

        EventPrinter(Console console, boolean json, Path snapshots) {
            this.console = console;
            this.json = json;
            this.snapshots = snapshots;
        }

        int count() {
            return count;
        }

        @Override
        public void accept(AnalyticsEvent e) {
            if (e.hasSnapshot()) {
                best.put(e.id(), e.snapshotJpeg());
            }
            if (e.phase() != AnalyticsEventPhase.END) {
                return;
            }
            count++;
            String snapshot = writeSnapshot(e.id(), best.remove(e.id()));
            if (json) {
                console.out().println(toJson(e, snapshot));
            } else {
                console.out().printf(Locale.ROOT, "%s  %-16s rule %-20s class %-8s track %-4s %s .. %s  confidence %.2f%s%s%n",
                        e.id().toString().substring(0, 8), e.type().name().toLowerCase(Locale.ROOT), e.rule(),
                        e.objectClass(), e.trackId() == AnalyticsEvent.NO_TRACK ? "-" : String.valueOf(e.trackId()),
                        e.start(), e.end(), e.confidence(), e.attributes().isEmpty() ? "" : "  " + e.attributes(),
                        snapshot == null ? "" : "  " + snapshot);
            }
        }

        private String toJson(AnalyticsEvent e, String snapshot) {
            ObjectNode o = mapper.createObjectNode();
            o.put("id", e.id().toString());
            o.put("rule", e.rule());
            o.put("type", e.type().name().toLowerCase(Locale.ROOT));
            o.put("class", e.objectClass());
            if (e.trackId() == AnalyticsEvent.NO_TRACK) {
                o.putNull("trackId");
            } else {
                o.put("trackId", e.trackId());
            }
            o.put("zone", e.zone());
            o.put("start", e.start().toString());
            o.put("end", e.end().toString());
            ArrayNode boxes = o.putArray("boxes");
            for (NormalizedBox b : e.boxes()) {
                boxes.addObject().put("x", round(b.x())).put("y", round(b.y())).put("w", round(b.width()))
                        .put("h", round(b.height()));
            }
            o.put("confidence", round(e.confidence()));
            ObjectNode attributes = o.putObject("attributes");
            e.attributes().forEach(attributes::put);
            if (snapshot != null) {
                o.put("snapshot", snapshot);
            }
            return o.toString();
        }

        private String writeSnapshot(java.util.UUID id, byte[] jpeg) {
            if (snapshots == null || jpeg == null) {
                return null;
            }
            Path file = snapshots.resolve(id + ".jpg");
            try {
                Files.write(file, jpeg);
                return file.toString();
            } catch (IOException ex) {
                console.err().println("vigil analyze: cannot write " + file + ": " + ex.getMessage());
                return null;
            }
        }

        private static double round(double v) {
            return Math.round(v * 10_000) / 10_000.0;
        }
    }
}
