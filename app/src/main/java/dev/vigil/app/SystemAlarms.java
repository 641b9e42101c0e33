package dev.vigil.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alarms about the node itself (not about a scene), published to the alerts topic as
 * {@code {"kind":"system","type","severity","node","camera","message","at"}}, keyed by node, at
 * most one per type and camera a minute. Every alarm is also logged at ERROR.
 *
 * <p>Delivery is best effort: a send never blocks the caller for more than 2 s, and an alarm
 * raised while Kafka is down is logged and counted by the caller's metric but may not reach the
 * topic. (The alerts issue's outbox will make alarms durable like alerts.)
 */
public final class SystemAlarms implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SystemAlarms.class);
    static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final String node;
    private final Clock clock;
    private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    public SystemAlarms(String bootstrapServers, String topic, String node, Clock clock) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-alarms-" + node);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        this.topic = topic;
        this.node = node;
        this.clock = clock;
    }

    /**
     * Raises an alarm.
     *
     * @param type e.g. {@code spool_evicting}
     * @param camera the camera concerned, or {@code null}
     */
    public void raise(String type, String severity, String camera, String message) {
        log.error("ALARM {} {}{}: {}", severity, type, camera == null ? "" : " camera " + camera, message);
        Instant now = clock.instant();
        String key = type + "/" + camera;
        Instant last = lastSent.get(key);
        if (last != null && Duration.between(last, now).compareTo(MIN_INTERVAL) < 0) {
            return;
        }
        lastSent.put(key, now);
        ObjectNode o = json.createObjectNode();
        o.put("kind", "system");
        o.put("type", type);
        o.put("severity", severity);
        o.put("node", node);
        o.put("camera", camera);
        o.put("message", message);
        o.put("at", now.toString());
        try {
            producer.send(new ProducerRecord<>(topic, node, o.toString()), (meta, e) -> {
                if (e != null) {
                    log.warn("alarm {} not delivered to {}: {}", type, topic, e.toString());
                }
            });
        } catch (RuntimeException e) {
            log.warn("alarm {} not sent to {}: {}", type, topic, e.toString());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
