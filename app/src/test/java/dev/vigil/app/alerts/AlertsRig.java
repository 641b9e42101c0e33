package dev.vigil.app.alerts;

import dev.vigil.app.KafkaTopics;
import dev.vigil.app.embedded.EmbeddedKafka;
import dev.vigil.core.config.AlertsConfig;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.CatalogConfig;
import dev.vigil.core.config.KafkaConfig;
import dev.vigil.core.config.Listen;
import dev.vigil.core.config.LocationConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.storage.catalog.Catalog;
import dev.vigil.storage.object.ObjectStore;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The real parts alert delivery runs on, for tests: the embedded Kafka broker on fixed ports (so it
 * can be stopped and started again at the same address), an H2 catalog, the topics, and the
 * node's alerts over {@code cameras} cameras of site {@code yard}. Plain Kafka consumers read what arrived.
 */
final class AlertsRig implements AutoCloseable {
    final Path dir;
    final VigilConfig config;
    final List<CameraConfig> cameras;
    final PrometheusRegistry registry = new PrometheusRegistry();
    final Map<CameraId, Instant> lastPictures = new ConcurrentHashMap<>();
    private EmbeddedKafka kafka;
    private KafkaTopics topics;
    final Catalog catalog;
    private AlertsWiring alerts;

    private AlertsRig(Path dir, VigilConfig config, List<CameraConfig> cameras) {
        this.dir = dir;
        this.config = config;
        this.cameras = cameras;
        startBroker();
        this.catalog = Catalog.open(config.catalog(), dir, Map.of());
    }

    /** {@code n} cameras {@code cam-01}...: odd ones security, even ones traffic, all with a location. */
    static List<CameraConfig> cameras(int n) {
        List<CameraConfig> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new CameraConfig(String.format("cam-%02d", i), "yard", "Camera " + i,
                    i % 2 == 1 ? CameraKind.SECURITY : CameraKind.TRAFFIC, "rtsp://127.0.0.1:9/cam" + i, null, null,
                    null, new LocationConfig(21.59 + i * 1e-4, 105.84, i % 2 == 1 ? 90.0 : null), null, null, true));
        }
        return out;
    }

    /** A rig with the given alert and Kafka settings (ports chosen here). */
    static AlertsRig start(Path dir, int cameraCount, AlertsConfig alerts, Integer maxMessageBytes) {
        int broker = freePort();
        int controller = freePort();
        KafkaConfig kafka = new KafkaConfig(null, new Listen("127.0.0.1", broker), controller, null, 3, null, null, null,
                null, maxMessageBytes);
        List<CameraConfig> cams = cameras(cameraCount);
        VigilConfig config = new VigilConfig(null, null, null, kafka, new CatalogConfig(null, null, null), null, null,
                null, null, List.of(new SiteConfig("yard", "North yard", new LocationConfig(21.59, 105.84, null))), cams,
                alerts);
        return new AlertsRig(dir, config, cams);
    }

    static AlertsConfig alertsConfig(int clipSeconds, int minUpdateMillis) {
        return new AlertsConfig(true, 2, null, clipSeconds, 20, minUpdateMillis, null, null);
    }

    void startBroker() {
        kafka = EmbeddedKafka.start(config.kafka(), dir);
        topics = KafkaTopics.connect(config.kafka(), kafka.bootstrapServers());
    }

    void stopBroker() {
        topics.close();
        kafka.close();
    }

    String bootstrap() {
        return "127.0.0.1:" + config.kafka().embedded().port();
    }

    AlertsWiring startAlerts(ObjectStore store, ClipSource clips) {
        alerts = AlertsWiring.start(config, bootstrap(), new AlertsWiring.Parts(catalog.dataSource(), store, clips,
                cameras, () -> Map.copyOf(lastPictures), registry), Clock.systemUTC());
        return alerts;
    }

    AlertsWiring alerts() {
        return alerts;
    }

    void stopAlerts() {
        if (alerts != null) {
            alerts.close();
            alerts = null;
        }
    }

    /** The value of a counter or gauge sample in the registry, 0 when absent. */
    double metric(String name, String... labels) {
        double total = 0;
        for (var snapshot : registry.scrape()) {
            for (var point : snapshot.getDataPoints()) {
                String metricName = snapshot.getMetadata().getPrometheusName();
                if (!(metricName.equals(name) || (metricName + "_total").equals(name))) {
                    continue;
                }
                boolean match = true;
                for (int i = 0; i + 1 < labels.length; i += 2) {
                    match &= labels[i + 1].equals(point.getLabels().get(labels[i]));
                }
                if (!match) {
                    continue;
                }
                if (point instanceof io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot c) {
                    total += c.getValue();
                } else if (point instanceof io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot g) {
                    total += g.getValue();
                }
            }
        }
        return total;
    }

    /**
     * Reads {@code topic} from the start of every partition with a plain consumer until
     * {@code done} holds for what was read, or {@code max} passed.
     */
    List<ConsumerRecord<String, byte[]>> readAll(String topic, Predicate<List<ConsumerRecord<String, byte[]>>> done,
            Duration max) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + max.toNanos();
            while (!done.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Waits until {@code condition} holds, at most {@code max}; returns whether it did. */
    static boolean await(java.util.function.BooleanSupplier condition, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return true;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stopAlerts();
        catalog.close();
        stopBroker();
    }
}
