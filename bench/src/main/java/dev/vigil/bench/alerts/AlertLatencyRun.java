package dev.vigil.bench.alerts;

import dev.vigil.app.KafkaTopics;
import dev.vigil.app.VigilNode;
import dev.vigil.app.alerts.AlertRaiser;
import dev.vigil.app.alerts.AlertsWiring;
import dev.vigil.app.alerts.ClipSource;
import dev.vigil.app.embedded.EmbeddedKafka;
import dev.vigil.bench.RunOptions;
import dev.vigil.core.alert.Alert;
import dev.vigil.core.alert.AlertJson;
import dev.vigil.core.alert.AlertLifecycle;
import dev.vigil.core.config.AlertsConfig;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.ConfigLoader;
import dev.vigil.core.config.LocationConfig;
import dev.vigil.core.config.NodeConfig;
import dev.vigil.core.config.SimulatorConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.model.AnalyticsEvent;
import dev.vigil.core.model.AnalyticsEventPhase;
import dev.vigil.core.model.AnalyticsEventType;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.NormalizedBox;
import dev.vigil.storage.catalog.Catalog;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Alert delivery measured, two parts.
 *
 * <p><b>Latency</b>: a whole node ({@code vigil demo}'s code path: embedded S3, Kafka and catalog,
 * {@code --cameras} simulated cameras over real RTSP, each decoded and analysed with the simulator's
 * crossing and intrusion rules, recording and clips on) and a plain Kafka consumer group reading
 * {@code vigil.alerts.v1}. For each OPENED message: receipt by the consumer minus {@code detectedAt}
 * (the wall clock of the analysed frame that started the event), split into frame to commit
 * ({@code publishedAt}) and commit to receipt. Reports p50, p90, p99 and max.
 *
 * <p><b>Outbox throughput</b>: the node's alert pipeline alone (embedded Kafka, H2 catalog, 4 lanes,
 * the publisher) fed {@code --alerts} analytics events pairs (START and END) from 50 cameras as fast
 * as it takes them: messages committed per second, and messages delivered (broker acknowledged,
 * read back by a consumer) per second.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.vigil.bench.alerts.AlertLatencyRun
 * [--cameras 50] [--warmup 20] [--seconds 120] [--alerts 10000] [--out bench/results/alerts.json]}
 */
public final class AlertLatencyRun {
    private AlertLatencyRun() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = RunOptions.parse(args);
        int cameras = Integer.parseInt(opts.getOrDefault("cameras", "50"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "20"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "120"));
        int alerts = Integer.parseInt(opts.getOrDefault("alerts", "10000"));
        Path out = Path.of(opts.getOrDefault("out", "bench/results/alerts.json"));
        String latency = latency(cameras, warmup, seconds);
        String throughput = throughput(alerts);
        Files.createDirectories(out.toAbsolutePath().getParent());
        String json = "{\"cpus\":" + Runtime.getRuntime().availableProcessors() + ",\"latency\":" + latency
                + ",\"throughput\":" + throughput + "}\n";
        Files.writeString(out, json);
        System.out.println(json);
    }

    private static Map<String, String> freePorts() {
        return Map.of("VIGIL_OBJECT_STORE_EMBEDDED_PORT", "0", "VIGIL_KAFKA_EMBEDDED_PORT", "0",
                "VIGIL_KAFKA_EMBEDDED_CONTROLLER_PORT", "0", "VIGIL_SIMULATOR_PORT", "0", "VIGIL_API_PORT", "0");
    }

    static String latency(int cameras, int warmup, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("vigil-alert-latency");
        Map<String, String> env = freePorts();
        VigilConfig config = new ConfigLoader(env).load();
        SimulatorConfig sim = config.simulator();
        config = config.withSimulator(new SimulatorConfig(true, sim.bind(), sim.port(), cameras, sim.width(),
                        sim.height(), sim.fps(), sim.seconds(), sim.gopSeconds(), sim.bitrateKbps()))
                .withNode(new NodeConfig("vigil-bench", dir.toString()));
        List<long[]> samples = new ArrayList<>(); // total, frame to commit, commit to receipt (ms)
        Set<String> cams = new HashSet<>();
        long messages = 0;
        double cpu;
        Map<String, Double> scraped;
        try (VigilNode node = VigilNode.start(config, env)) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, node.kafkaBootstrapServers());
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "ioc-bench");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of(config.kafka().alertsTopic()));
                long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
                while (System.nanoTime() < warmEnd) {
                    consumer.poll(Duration.ofMillis(100));
                }
                double cpu0 = processCpuSeconds();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
                while (System.nanoTime() < end) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        long received = System.currentTimeMillis();
                        messages++;
                        Alert a = AlertJson.decode(r.value());
                        if (a.lifecycle() != AlertLifecycle.OPENED || !a.rule().id().startsWith("right-half")
                                && !a.rule().id().startsWith("middle")) {
                            continue;
                        }
                        cams.add(a.camera().id().value());
                        long frame = a.detectedAt().toEpochMilli();
                        long committed = a.publishedAt().toEpochMilli();
                        samples.add(new long[] {received - frame, committed - frame, received - committed});
                    }
                }
                cpu = processCpuSeconds() - cpu0;
            }
            scraped = scrape(node.endpoints().get("api").split("\\s+")[0] + "/metrics");
        }
        deleteQuietly(dir);
        StringBuilder json = new StringBuilder(String.format(Locale.ROOT,
                "{\"cameras\":%d,\"seconds\":%d,\"messages\":%d,\"opened\":%d,\"camerasWithAlerts\":%d,"
                        + "\"cpuSecondsPerSecond\":%.2f,\"raiseSecondsMean\":%.4f,\"raiseUnder100ms\":%.3f,"
                        + "\"analyticsDroppedUnits\":%.0f,\"alertEventsDropped\":%.0f", cameras, seconds, messages,
                samples.size(), cams.size(), cpu / seconds,
                scraped.getOrDefault("vigil_alert_raise_seconds_sum", 0.0)
                        / Math.max(1, scraped.getOrDefault("vigil_alert_raise_seconds_count", 0.0)),
                scraped.getOrDefault("vigil_alert_raise_seconds_bucket{le=\"0.1\"}", 0.0)
                        / Math.max(1, scraped.getOrDefault("vigil_alert_raise_seconds_count", 0.0)),
                scraped.getOrDefault("vigil_analytics_dropped_units_total", 0.0),
                scraped.getOrDefault("vigil_alert_events_dropped_total", 0.0)));
        String[] names = {"frameToReceiptMs", "frameToCommitMs", "commitToReceiptMs"};
        for (int k = 0; k < 3; k++) {
            json.append(",\"").append(names[k]).append("\":").append(percentiles(samples, k));
        }
        return json.append('}').toString();
    }

    static String throughput(int alerts) throws Exception {
        Path dir = Files.createTempDirectory("vigil-alert-throughput");
        VigilConfig config = new ConfigLoader(freePorts()).load().withNode(new NodeConfig("vigil-bench", dir.toString()));
        List<CameraConfig> cameras = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            cameras.add(new CameraConfig(String.format("cam-%02d", i), "yard", null, CameraKind.SECURITY,
                    "rtsp://127.0.0.1:9/x", null, null, null, new LocationConfig(21.59, 105.84, 90.0), null, null, false));
        }
        config = config.withSitesAndCameras(List.of(new SiteConfig("yard", "Yard", null)), cameras)
                .withAlerts(new AlertsConfig(true, 30, null, 0, 20, 1000, 4 * alerts + 100, null));
        PrometheusRegistry registry = new PrometheusRegistry();
        String result;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(config.kafka(), dir);
                KafkaTopics topics = KafkaTopics.connect(config.kafka(), kafka.bootstrapServers());
                Catalog catalog = Catalog.open(config.catalog(), dir, Map.of())) {
            AlertsWiring wiring = AlertsWiring.start(config, kafka.bootstrapServers(), new AlertsWiring.Parts(
                    catalog.dataSource(), null, ClipSource.NONE, cameras, Map::of, registry), Clock.systemUTC());
            try {
                AlertRaiser raiser = wiring.raiser();
                warm(raiser, registry, 500);
                double committed0 = metric(registry, "vigil_alert_messages_committed");
                double sent0 = metric(registry, "vigil_alert_messages_sent");
                long t0 = System.nanoTime();
                Instant start = Instant.now();
                for (int i = 0; i < alerts; i++) {
                    UUID id = UUID.randomUUID();
                    String camera = String.format("cam-%02d", i % 50 + 1);
                    Instant at = start.plusMillis(i);
                    raiser.accept(event(id, camera, AnalyticsEventPhase.START, at, null));
                    raiser.accept(event(id, camera, AnalyticsEventPhase.END, at, at.plusMillis(500)));
                }
                long want = 2L * alerts;
                long committedAt = 0;
                long sentAt = 0;
                long deadline = t0 + TimeUnit.MINUTES.toNanos(10);
                while ((committedAt == 0 || sentAt == 0) && System.nanoTime() < deadline) {
                    if (committedAt == 0 && metric(registry, "vigil_alert_messages_committed") - committed0 >= want) {
                        committedAt = System.nanoTime();
                    }
                    if (sentAt == 0 && metric(registry, "vigil_alert_messages_sent") - sent0 >= want) {
                        sentAt = System.nanoTime();
                    }
                    TimeUnit.MILLISECONDS.sleep(20);
                }
                double commitS = (committedAt - t0) / 1e9;
                double sendS = (sentAt - t0) / 1e9;
                result = String.format(Locale.ROOT, "{\"alerts\":%d,\"messages\":%d,\"cameras\":50,\"lanes\":4,"
                        + "\"catalog\":\"H2 file\",\"committedPerSecond\":%.0f,\"deliveredPerSecond\":%.0f,"
                        + "\"dropped\":%.0f,\"dlq\":%.0f}", alerts, want, want / commitS, want / sendS,
                        metric(registry, "vigil_alert_events_dropped"), metric(registry, "vigil_alert_dlq"));
            } finally {
                wiring.close();
            }
        }
        deleteQuietly(dir);
        return result;
    }

    /** The node's /metrics in text format: sample name (with labels, summed over other series) to value. */
    private static Map<String, Double> scrape(String url) throws Exception {
        String text = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> out = new java.util.HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String name = line.substring(0, space);
            double value = Double.parseDouble(line.substring(space + 1));
            out.merge(name, value, Double::sum);
            int brace = name.indexOf('{');
            if (brace > 0) {
                String bare = name.substring(0, brace);
                java.util.regex.Matcher le = java.util.regex.Pattern.compile("le=\"[^\"]*\"").matcher(name);
                String summed = le.find() ? bare + "{" + le.group() + "}" : bare;
                if (!summed.equals(name)) { // a series with labels besides le: also summed over them
                    out.merge(summed, value, Double::sum);
                }
            }
        }
        return out;
    }

    private static void warm(AlertRaiser raiser, PrometheusRegistry registry, int n) throws InterruptedException {
        Instant start = Instant.now();
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            raiser.accept(event(id, String.format("cam-%02d", i % 50 + 1), AnalyticsEventPhase.START, start, null));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (metric(registry, "vigil_alert_messages_sent") < n && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static AnalyticsEvent event(UUID id, String camera, AnalyticsEventPhase phase, Instant start, Instant end) {
        return new AnalyticsEvent(id, CameraId.of(camera), "gate-zone", AnalyticsEventType.ZONE_INTRUSION, phase,
                "person", 3, 0.8, List.of(new NormalizedBox(0.4, 0.3, 0.1, 0.3)), "gate", start, end, Map.of(), null);
    }

    private static double metric(PrometheusRegistry registry, String name) {
        double total = 0;
        for (var s : registry.scrape()) {
            if (!s.getMetadata().getName().equals(name)) {
                continue;
            }
            for (var point : s.getDataPoints()) {
                if (point instanceof CounterSnapshot.CounterDataPointSnapshot c) {
                    total += c.getValue();
                } else if (point instanceof GaugeSnapshot.GaugeDataPointSnapshot g) {
                    total += g.getValue();
                }
            }
        }
        return total;
    }

    private static String percentiles(List<long[]> samples, int k) {
        if (samples.isEmpty()) {
            return "null";
        }
        List<Long> v = samples.stream().map(s -> s[k]).sorted(Comparator.naturalOrder()).toList();
        return String.format(Locale.ROOT, "{\"p50\":%d,\"p90\":%d,\"p99\":%d,\"max\":%d}", at(v, 0.50), at(v, 0.90),
                at(v, 0.99), v.get(v.size() - 1));
    }

    private static long at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static double processCpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (Exception ignored) {
            // temporary data
        }
    }
}
