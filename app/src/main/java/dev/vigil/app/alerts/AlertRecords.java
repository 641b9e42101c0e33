package dev.vigil.app.alerts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.alert.Alert;
import dev.vigil.core.alert.AlertJson;
import dev.vigil.storage.catalog.OutboxMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What {@link AlertPublisher} hands to Kafka, built from outbox rows without side effects: the
 * producer's settings, an alert message with its headers, and the dead-letter envelope. Every
 * record is keyed by its camera, so one camera's messages stay in order on one partition.
 */
final class AlertRecords {
    /** Room left under {@code maxMessageBytes} for the key, headers and record overhead. */
    static final int RECORD_OVERHEAD = 1024;
    /** The largest original message kept inside a DLQ envelope (and only while the envelope fits the limit). */
    static final int MAX_DLQ_PAYLOAD = 64 * 1024;
    /** Longest {@code detail} an envelope carries. */
    static final int MAX_DETAIL = 1000;

    private AlertRecords() {}

    /**
     * The producer settings of alert delivery: acknowledged by all in-sync replicas, idempotent,
     * never giving a record up ({@code delivery.timeout.ms} at its maximum, retries with backoff up
     * to 2 s), and blocking a send at most 1 s for metadata or buffer space.
     */
    static Properties producerSettings(String bootstrapServers, String node, int maxMessageBytes) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-alerts-" + node);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 100);
        p.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 2000);
        p.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, 100);
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxMessageBytes);
        return p;
    }

    /** Kafka producers with {@link #producerSettings}. */
    static AlertPublisher.ProducerFactory kafkaProducers(String bootstrapServers, String node, int maxMessageBytes) {
        return () -> new KafkaProducer<>(producerSettings(bootstrapServers, node, maxMessageBytes),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * One alert message: the row's payload with headers schema version, alert id, lifecycle and
     * {@code vigil-message-id} ({@code alertId/outboxId}, the same on every redelivery).
     */
    static ProducerRecord<String, byte[]> alert(String topic, OutboxMessage row, byte[] payload) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(AlertJson.HEADER_SCHEMA_VERSION, Alert.SCHEMA_VERSION.getBytes(StandardCharsets.UTF_8));
        headers.add(AlertJson.HEADER_ALERT_ID, bytes(row.alertId().toString()));
        headers.add(AlertJson.HEADER_LIFECYCLE, bytes(row.lifecycle()));
        headers.add("vigil-message-id", bytes(row.alertId() + "/" + row.id()));
        return new ProducerRecord<>(topic, null, null, row.camera(), payload, headers);
    }

    /**
     * The dead-letter envelope of a row that can never be sent: why, where it came from, its size,
     * and the original text when the envelope with it still fits {@code maxMessageBytes} less
     * {@link #RECORD_OVERHEAD} (measured, escaping included), else {@code "payload": null}.
     */
    static ProducerRecord<String, byte[]> deadLetter(String dlqTopic, OutboxMessage row, String reason, String detail,
            String node, int maxMessageBytes, Instant failedAt) {
        byte[] original = bytes(row.payload());
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("schemaVersion", Alert.SCHEMA_VERSION);
        o.put("reason", reason);
        o.put("detail", detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail);
        o.put("outboxId", row.id());
        o.put("node", node);
        o.put("camera", row.camera());
        o.put("alertId", row.alertId().toString());
        o.put("lifecycle", row.lifecycle());
        o.put("failedAt", AlertJson.time(failedAt));
        o.put("payloadBytes", original.length);
        byte[] envelope = null;
        if (original.length <= MAX_DLQ_PAYLOAD) {
            o.put("payload", row.payload());
            envelope = bytes(o.toString());
        }
        if (envelope == null || envelope.length > maxMessageBytes - RECORD_OVERHEAD) {
            o.putNull("payload");
            envelope = bytes(o.toString());
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add("vigil-dlq-reason", bytes(reason));
        headers.add(AlertJson.HEADER_ALERT_ID, bytes(row.alertId().toString()));
        return new ProducerRecord<>(dlqTopic, null, null, row.camera(), envelope, headers);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
