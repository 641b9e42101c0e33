package dev.vigil.app.alerts;

import dev.vigil.core.alert.AlertAckParser;
import dev.vigil.core.config.KafkaConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.storage.catalog.AlertRepository;
import dev.vigil.storage.catalog.AlertRepository.ActionOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the IOC's acknowledgements ({@code kafka.acksTopic}, group {@code kafka.acksGroupId},
 * shared by the nodes) and applies each to its alert's state in the catalog
 * ({@link AlertRepository#applyAction}): recorded once per message (its topic, partition and
 * offset), the state being the action with the latest time.
 *
 * <p>Bad input never stops it: a message that does not parse, and one naming an alert the catalog
 * does not have, is counted ({@code vigil_alert_acks_rejected_total{reason}}), logged (at most one
 * line per reason every 10 s, with the number skipped) and skipped. Values are read as bytes, so
 * nothing fails in deserialization. While the catalog is away the message is retried with backoff
 * (its offset is not committed). Offsets are committed after the messages before them were applied:
 * at least once, made exactly once by the catalog's unique origin.
 *
 * <p>Thread: one, {@code vigil-alert-acks}.
 */
final class AckConsumer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AckConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final AlertRepository repository;
    private final AlertMetrics metrics;
    private final Clock clock;
    private final Thread thread;
    private final Map<String, Long> lastLogged = new HashMap<>();
    private final Map<String, AtomicLong> unlogged = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    AckConsumer(Consumer<byte[], byte[]> consumer, String topic, AlertRepository repository, AlertMetrics metrics,
            Clock clock) {
        this.consumer = consumer;
        this.topic = topic;
        this.repository = repository;
        this.metrics = metrics;
        this.clock = clock;
        this.thread = new Thread(this::run, "vigil-alert-acks");
        thread.setDaemon(true);
    }

    /** The consumer settings: manual commits, from the earliest offset for a new group, bytes in. */
    static Consumer<byte[], byte[]> kafkaConsumer(String bootstrapServers, KafkaConfig kafka, String node) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.acksGroupId());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-acks-" + node);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2000);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic));
            long backoff = 0;
            while (running) {
                if (backoff > 0) {
                    Thread.sleep(backoff);
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                boolean catalogAway = false;
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                for (TopicPartition partition : records.partitions()) {
                    for (ConsumerRecord<byte[], byte[]> r : records.records(partition)) {
                        if (!apply(r)) {
                            consumer.seek(partition, r.offset()); // retried after the backoff
                            catalogAway = true;
                            break;
                        }
                        done.put(partition, new OffsetAndMetadata(r.offset() + 1));
                    }
                }
                if (!done.isEmpty()) {
                    try {
                        consumer.commitSync(done);
                    } catch (KafkaException e) {
                        log.warn("acks: cannot commit offsets ({}); the messages may be applied again, once", e.toString());
                    }
                }
                backoff = catalogAway ? Math.min(5000, Math.max(100, backoff * 2)) : 0;
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("acks consumer woken up unexpectedly", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("acks consumer stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Applies one message; false when the catalog is away (retry it). */
    private boolean apply(ConsumerRecord<byte[], byte[]> r) {
        String origin = "kafka:" + r.topic() + "/" + r.partition() + "/" + r.offset();
        AlertAckParser.Result parsed = AlertAckParser.parse(r.value());
        if (!parsed.ok()) {
            skip(parsed.rejection().label(), origin + ": " + parsed.detail());
            return true;
        }
        try {
            ActionOutcome outcome = repository.applyAction(parsed.ack(), origin, clock.instant());
            if (outcome == ActionOutcome.UNKNOWN_ALERT) {
                skip("unknown_alert", origin + ": no alert " + parsed.ack().alertId());
            } else {
                metrics.ack(parsed.ack().action().wireName(), outcome.name().toLowerCase(Locale.ROOT));
                log.info("alert {} {} by {} ({})", parsed.ack().alertId(), parsed.ack().action().stateName(),
                        parsed.ack().by(), outcome.name().toLowerCase(Locale.ROOT));
            }
            return true;
        } catch (VigilException e) {
            if (e.kind() == ErrorKind.UNAVAILABLE) {
                log.warn("acks: catalog away, {} retried: {}", origin, e.getMessage());
                return false;
            }
            log.error("acks: {} not applied: {}", origin, e.getMessage());
            skip("failed", origin + ": " + e.getMessage());
            return true;
        }
    }

    private void skip(String reason, String detail) {
        metrics.ackRejected(reason);
        long now = System.nanoTime();
        Long last = lastLogged.get(reason);
        if (last == null || now - last >= LOG_EVERY_NANOS) {
            long more = unlogged.computeIfAbsent(reason, k -> new AtomicLong()).getAndSet(0);
            lastLogged.put(reason, now);
            log.warn("acks: skipped ({}) {}{}", reason, detail, more == 0 ? "" : " (and " + more
                    + " more since the last line)");
        } else {
            unlogged.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
