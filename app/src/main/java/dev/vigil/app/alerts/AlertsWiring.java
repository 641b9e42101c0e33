package dev.vigil.app.alerts;

import dev.vigil.core.alert.CameraProfile;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.model.CameraId;
import dev.vigil.storage.catalog.AlertOutbox;
import dev.vigil.storage.catalog.AlertRepository;
import dev.vigil.storage.object.ObjectStore;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts of a node: the {@link AlertRaiser} (analytics sink, camera event listener, alarms),
 * its lanes committing to the catalog's outbox, the {@link AlertPublisher} draining the outbox to
 * Kafka, the {@link CameraHealthWatch} and the {@link AckConsumer}. Topics are created or verified
 * before, by {@code KafkaTopics}.
 *
 * <p>{@link #close()} stops taking events, lets the lanes commit what they queued (up to 5 s), the
 * publisher send what it can (up to 5 s; the rest goes at the next start) and the acks consumer
 * commit its offsets.
 */
public final class AlertsWiring implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertsWiring.class);
    /** Lanes: one camera's alerts stay on one; four keep catalog and object store round trips in parallel. */
    static final int LANES = 4;

    private final AlertRaiser raiser;
    private final AlertPublisher publisher;
    private final CameraHealthWatch health;
    private final AckConsumer acks;
    private final SnapshotStore snapshots;

    private AlertsWiring(AlertRaiser raiser, AlertPublisher publisher, CameraHealthWatch health, AckConsumer acks,
            SnapshotStore snapshots) {
        this.snapshots = snapshots;
        this.raiser = raiser;
        this.publisher = publisher;
        this.health = health;
        this.acks = acks;
    }

    /** What the alerts need from the rest of the node. */
    public record Parts(DataSource catalog, ObjectStore objectStore, ClipSource clips, List<CameraConfig> cameras,
            Supplier<Map<CameraId, Instant>> lastPictures, PrometheusRegistry registry) { }

    /** Starts the alerts of a node whose Kafka is at {@code bootstrapServers}. */
    public static AlertsWiring start(VigilConfig config, String bootstrapServers, Parts parts, Clock clock) {
        String node = config.node().id();
        return start(config, parts, clock, AlertRecords.kafkaProducers(bootstrapServers, node,
                config.kafka().maxMessageBytes()), AckConsumer.kafkaConsumer(bootstrapServers, config.kafka(), node));
    }

    static AlertsWiring start(VigilConfig config, Parts parts, Clock clock, AlertPublisher.ProducerFactory producers,
            Consumer<byte[], byte[]> ackConsumer) {
        String node = config.node().id();
        AlertRepository repository = new AlertRepository(parts.catalog());
        AlertOutbox outbox = new AlertOutbox(parts.catalog());
        AlertMetrics metrics = new AlertMetrics(parts.registry(), () -> outbox.backlog(node), clock);
        AlertPublisher publisher = new AlertPublisher(outbox, node, config.kafka(), producers, metrics, clock,
                Duration.ofHours(config.alerts().outboxRetentionHours()));
        Map<String, SiteConfig> sites = new HashMap<>();
        config.sites().forEach(s -> sites.put(s.id(), s));
        ConcurrentHashMap<CameraId, CameraProfile> profiles = new ConcurrentHashMap<>();
        for (CameraConfig c : parts.cameras()) {
            profiles.put(CameraId.of(c.id()), CameraProfile.of(c, sites.get(c.site())));
        }
        AlertUrls urls = new AlertUrls(config.alerts().publicUrl());
        SnapshotStore snapshots = new SnapshotStore(parts.objectStore(), config.objectStore().snapshotsBucket(), urls);
        AlertLane.Settings settings = new AlertLane.Settings(node, Duration.ofMillis(config.alerts().minUpdateMillis()),
                Duration.ofSeconds(config.alerts().clipSeconds()), Duration.ofSeconds(config.alerts().clipWaitSeconds()));
        List<AlertLane> lanes = new ArrayList<>();
        int capacity = Math.max(16, config.alerts().queueEvents() / LANES);
        for (int i = 0; i < LANES; i++) {
            lanes.add(new AlertLane(i + 1, capacity, settings, profiles::get, repository, snapshots, parts.clips(),
                    publisher, metrics, clock));
        }
        AlertRaiser raiser = new AlertRaiser(lanes, profiles, repository, metrics, clock, node);
        List<dev.vigil.core.alert.OfflineDetector.Transition> offline = raiser.recover();
        lanes.forEach(AlertLane::start);
        publisher.start();
        CameraHealthWatch health = new CameraHealthWatch(parts.lastPictures(),
                Duration.ofSeconds(config.alerts().offlineAfterSeconds()), offline, raiser::health, clock);
        health.start();
        AckConsumer acks = new AckConsumer(ackConsumer, config.kafka().acksTopic(), repository, metrics, clock);
        acks.start();
        log.info("alerts: {} cameras, publishing to {} (DLQ {}), acknowledgements from {}", profiles.size(),
                config.kafka().alertsTopic(), config.kafka().dlqTopic(), config.kafka().acksTopic());
        return new AlertsWiring(raiser, publisher, health, acks, snapshots);
    }

    /** The raiser: the node's analytics sink and camera event listener. */
    public AlertRaiser raiser() {
        return raiser;
    }

    /** The publisher (tests wake it or read its state). */
    public AlertPublisher publisher() {
        return publisher;
    }

    @Override
    public void close() {
        health.close();
        snapshots.close(Duration.ofSeconds(3));
        raiser.close(Duration.ofSeconds(5));
        publisher.close(Duration.ofSeconds(5));
        acks.close();
    }

    @Override
    public String toString() {
        return "AlertsWiring[" + raiser.cameras().size() + " cameras]";
    }
}
