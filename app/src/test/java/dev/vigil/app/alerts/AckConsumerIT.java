package dev.vigil.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.storage.catalog.AlertHandling;
import dev.vigil.storage.catalog.AlertRepository;
import dev.vigil.storage.catalog.AlertRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledgements from the IOC on a real broker: valid ones change the alert's state (the latest
 * action wins); malformed ones and unknown ids are counted and skipped, and the consumer goes on.
 */
class AckConsumerIT {
    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void malformedAcknowledgementsAreCountedAndSkippedAndValidOnesApplied() throws Exception {
        try (AlertsRig rig = AlertsRig.start(dir, 1, AlertsRig.alertsConfig(0, 1000), null)) {
            rig.startAlerts(null, ClipSource.NONE).raiser().accept(AlertEvents.start(UUID.randomUUID(), "cam-01",
                    Instant.now()));
            AlertRepository repository = new AlertRepository(rig.catalog.dataSource());
            assertTrue(AlertsRig.await(() -> !repository.findUnclosed("vigil-1").isEmpty(), Duration.ofSeconds(30)));
            UUID alert = repository.findUnclosed("vigil-1").get(0).entry().alert().alertId();
            String t = "2026-03-01T10:0";
            List<byte[]> messages = List.of(
                    "acknowledged!".getBytes(StandardCharsets.UTF_8),
                    new byte[0],
                    ack("not-a-uuid", "acknowledge", t + "1:00Z"),
                    ack(UUID.randomUUID().toString(), "acknowledge", t + "1:00Z"),
                    ack(alert.toString(), "acknowledge", t + "1:00Z"),
                    new byte[] {'{', (byte) 0xFF, (byte) 0xFE, '}'},
                    ack(alert.toString(), "escalate", t + "3:00+00:00"),
                    ack(alert.toString(), "approve", t + "4:00Z"),
                    ack(alert.toString(), "acknowledge", t + "2:00Z"));
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, rig.bootstrap()), new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                for (byte[] m : messages) {
                    producer.send(new ProducerRecord<>(rig.config.kafka().acksTopic(), alert.toString()
                            .getBytes(StandardCharsets.UTF_8), m)).get(30, TimeUnit.SECONDS);
                }
                assertTrue(AlertsRig.await(() -> rig.metric("vigil_alert_acks_total") == 3
                        && rig.metric("vigil_alert_acks_rejected_total") == 6, Duration.ofSeconds(60)),
                        "every message handled: " + rig.metric("vigil_alert_acks_total") + " applied, "
                                + rig.metric("vigil_alert_acks_rejected_total") + " rejected");
                assertEquals(2, rig.metric("vigil_alert_acks_rejected_total", "reason", "not_json"));
                assertEquals(1, rig.metric("vigil_alert_acks_rejected_total", "reason", "empty"));
                assertEquals(2, rig.metric("vigil_alert_acks_rejected_total", "reason", "bad_field"));
                assertEquals(1, rig.metric("vigil_alert_acks_rejected_total", "reason", "unknown_alert"));
                assertEquals(2, rig.metric("vigil_alert_acks_total", "outcome", "applied"));
                assertEquals(1, rig.metric("vigil_alert_acks_total", "outcome", "recorded_older"));
                AlertRow row = repository.find(alert).orElseThrow();
                assertEquals(new AlertHandling("escalated", "ioc.operator.17", "patrol 3 dispatched",
                        Instant.parse(t + "3:00Z")), row.handling());
                assertEquals(3, repository.actions(alert).size());

                // The consumer is still there.
                producer.send(new ProducerRecord<>(rig.config.kafka().acksTopic(), null,
                        ack(alert.toString(), "dismiss", t + "5:00Z"))).get(30, TimeUnit.SECONDS);
                assertTrue(AlertsRig.await(() -> "dismissed".equals(repository.find(alert).orElseThrow().handling()
                        .state()), Duration.ofSeconds(30)));
            }
        }
    }

    private static byte[] ack(String alertId, String action, String time) {
        return ("{\"alertId\":\"" + alertId + "\",\"action\":\"" + action + "\",\"by\":\"ioc.operator.17\","
                + "\"note\":\"patrol 3 dispatched\",\"time\":\"" + time + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
