package dev.vigil.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.alert.AlertJson;
import dev.vigil.core.model.AnalyticsEventPhase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages that can never be sent go to the DLQ with their reason and never hold up the rest: one
 * over {@code kafka.maxMessageBytes} (caught before sending), one the broker refuses (the topic's
 * {@code max.message.bytes} is smaller), and an outbox row that is not an alert message.
 */
class AlertDeadLetterIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    @Timeout(240)
    void unsendableMessagesGoToTheDlqWithTheirReasonAndTheOthersFollowInOrder() throws Exception {
        try (AlertsRig rig = AlertsRig.start(dir, 2, AlertsRig.alertsConfig(0, 1000), 8192)) {
            String topic = rig.config.kafka().alertsTopic();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, rig.bootstrap()))) {
                admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                        List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "4000"),
                                AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
            }
            UUID corrupt = UUID.randomUUID();
            try (Connection c = rig.catalog.dataSource().getConnection(); PreparedStatement p = c.prepareStatement(
                    "INSERT INTO alert_outbox (alert_id, node_id, camera_id, lifecycle, payload, created_at)"
                            + " VALUES (?, 'vigil-1', 'cam-02', 'OPENED', '{\"alertId\": 7', ?)")) {
                p.setObject(1, corrupt);
                p.setObject(2, Instant.now().atOffset(ZoneOffset.UTC));
                p.executeUpdate();
            }
            AlertRaiser raiser = rig.startAlerts(null, ClipSource.NONE).raiser();
            Instant t0 = Instant.now();
            int[] boxes = {1, 100, 256, 1}; // fits; refused by the broker; over maxMessageBytes; fits
            for (int i = 0; i < boxes.length; i++) {
                UUID event = UUID.randomUUID();
                Instant start = t0.plusSeconds(i);
                raiser.accept(AlertEvents.step(event, "cam-01", AnalyticsEventPhase.START, start, null, boxes[i], null));
                raiser.accept(AlertEvents.step(event, "cam-01", AnalyticsEventPhase.END, start, start.plusMillis(500),
                        boxes[i], null));
            }
            assertTrue(AlertsRig.await(() -> rig.metric("vigil_alert_messages_committed_total") == 8
                    && rig.metric("vigil_alert_outbox_pending") == 0, Duration.ofSeconds(120)),
                    () -> "the outbox drains: " + outboxState(rig));

            List<ConsumerRecord<String, byte[]>> sent = rig.readAll(topic, r -> r.size() >= 4, Duration.ofSeconds(30));
            List<Integer> sentBoxes = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : sent) {
                sentBoxes.add(AlertJson.decode(new String(r.value(), StandardCharsets.UTF_8)).boxes().size());
            }
            assertEquals(List.of(1, 1, 1, 1), sentBoxes, "the first and the last alert, OPENED and CLOSED each");
            assertEquals(List.of("OPENED", "CLOSED", "OPENED", "CLOSED"), sent.stream()
                    .map(r -> AlertDeliveryIT.header(r, "vigil-lifecycle")).toList());

            List<ConsumerRecord<String, byte[]>> dead = rig.readAll(rig.config.kafka().dlqTopic(), r -> r.size() >= 5,
                    Duration.ofSeconds(30));
            assertEquals(5, dead.size());
            AlertSchema schema = AlertSchema.load("vigil.alerts.dlq.v1.schema.json");
            List<String> reasons = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : dead) {
                String json = new String(r.value(), StandardCharsets.UTF_8);
                assertEquals(List.of(), schema.problems(json), json);
                JsonNode o = JSON.readTree(json);
                reasons.add(o.get("reason").asText());
                assertEquals(o.get("camera").asText(), r.key());
                assertEquals(o.get("reason").asText(), AlertDeliveryIT.header(r, "vigil-dlq-reason"));
                if (o.get("reason").asText().equals("unserializable")) {
                    assertEquals(corrupt.toString(), o.get("alertId").asText());
                    assertEquals("{\"alertId\": 7", o.get("payload").asText(), "the original rides along");
                    assertTrue(o.get("detail").asText().contains("not JSON"), o.get("detail").asText());
                } else {
                    assertTrue(o.get("payloadBytes").asInt() > 4000, json);
                    String original = payloadOf(rig, o.get("outboxId").asLong());
                    assertEquals(original.getBytes(StandardCharsets.UTF_8).length, o.get("payloadBytes").asInt());
                    int withOriginal = ((com.fasterxml.jackson.databind.node.ObjectNode) o.deepCopy())
                            .put("payload", original).toString().getBytes(StandardCharsets.UTF_8).length;
                    assertEquals(withOriginal > 8192 - 1024, o.get("payload").isNull(),
                            "the original rides along exactly when the envelope with it fits: " + json);
                }
            }
            assertEquals(List.of("too_large", "too_large", "too_large", "too_large", "unserializable"),
                    reasons.stream().sorted().toList());
            assertTrue(dead.stream().anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8)
                    .contains("the broker refused it")), "the broker's refusal is one of them");
            assertTrue(dead.stream().anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8)
                    .contains("more than kafka.maxMessageBytes 8192")), "the size check before sending is another");
            assertEquals(4, rig.metric("vigil_alert_dlq_total", "reason", "too_large"));
            assertEquals(1, rig.metric("vigil_alert_dlq_total", "reason", "unserializable"));
            try (Connection c = rig.catalog.dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alert_outbox WHERE dlq_at IS NOT NULL"
                            + " AND dlq_reason LIKE 'too_large%' OR dlq_reason LIKE 'unserializable%'")) {
                rs.next();
                assertEquals(5, rs.getInt(1), "the rows say why");
            }
        }
    }

    /** What the outbox and the metrics say, for a failure message. */
    private static String outboxState(AlertsRig rig) {
        StringBuilder b = new StringBuilder("committed " + rig.metric("vigil_alert_messages_committed_total")
                + ", pending " + rig.metric("vigil_alert_outbox_pending") + ", sent "
                + rig.metric("vigil_alert_messages_sent_total") + ", dlq " + rig.metric("vigil_alert_dlq_total")
                + "; rows:");
        try (Connection c = rig.catalog.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, camera_id, lifecycle, LENGTH(payload), sent_at, dlq_at,"
                        + " dlq_reason FROM alert_outbox ORDER BY id")) {
            while (rs.next()) {
                b.append("\n  ").append(rs.getLong(1)).append(' ').append(rs.getString(2)).append(' ')
                        .append(rs.getString(3)).append(' ').append(rs.getInt(4)).append(" B sent ")
                        .append(rs.getString(5)).append(" dlq ").append(rs.getString(6)).append(' ')
                        .append(rs.getString(7));
            }
        } catch (java.sql.SQLException e) {
            b.append(' ').append(e);
        }
        return b.toString();
    }

    private static String payloadOf(AlertsRig rig, long outboxId) {
        try (Connection c = rig.catalog.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement("SELECT payload FROM alert_outbox WHERE id = ?")) {
            p.setLong(1, outboxId);
            try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next(), "outbox row " + outboxId);
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
