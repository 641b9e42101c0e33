package dev.vigil.app.alerts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.alert.Alert;
import dev.vigil.core.alert.AlertJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outage test on a real broker: a burst of 1,000 alerts (OPENED and CLOSED each)
 * from 20 cameras, the broker stopped for 60 s in the middle of it, then started again at the
 * same address. Every committed message arrives, each camera's in commit order, and any
 * duplicate is the same message (same bytes, same ids).
 */
class AlertDeliveryIT {
    private static final Logger log = LoggerFactory.getLogger(AlertDeliveryIT.class);
    static final int ALERTS = 1000;
    static final int CAMERAS = 20;

    @TempDir
    Path dir;

    @Test
    @Timeout(420)
    void aBurstThroughABrokerOutageArrivesWholeInOrderPerCamera() throws Exception {
        try (AlertsRig rig = AlertsRig.start(dir, CAMERAS, AlertsRig.alertsConfig(0, 1000), null)) {
            AlertRaiser raiser = rig.startAlerts(null, ClipSource.NONE).raiser();
            CountDownLatch third = new CountDownLatch(ALERTS / 3);
            Thread burst = new Thread(() -> {
                Instant t0 = Instant.now();
                for (int i = 0; i < ALERTS; i++) {
                    String camera = rig.cameras.get(i % CAMERAS).id();
                    UUID event = UUID.randomUUID();
                    Instant start = t0.plusMillis(i);
                    raiser.accept(AlertEvents.start(event, camera, start));
                    raiser.accept(AlertEvents.end(event, camera, start, start.plusMillis(400)));
                    third.countDown();
                    if (i % 10 == 9) {
                        sleepMillis(20); // about 1,000 alerts in 2 s
                    }
                }
            }, "burst");
            burst.start();
            assertTrue(third.await(60, TimeUnit.SECONDS));
            rig.stopBroker(); // mid-burst: a third raised, the rest raised while the broker is away
            log.info("broker stopped");
            burst.join();
            TimeUnit.SECONDS.sleep(60);
            double waiting = rig.metric("vigil_alert_outbox_pending");
            assertTrue(waiting > 0, "messages wait in the outbox while the broker is away: " + waiting);
            assertEquals(2.0 * ALERTS, rig.metric("vigil_alert_messages_committed_total"),
                    "every alert was committed while the broker was away");
            rig.startBroker();
            log.info("broker started again; {} messages waited", waiting);
            assertTrue(AlertsRig.await(() -> rig.metric("vigil_alert_outbox_pending") == 0, Duration.ofSeconds(120)),
                    "the outbox drains after the broker is back");

            Map<String, List<String>> committed = committedPerCamera(rig);
            int total = committed.values().stream().mapToInt(List::size).sum();
            assertEquals(2 * ALERTS, total);
            List<ConsumerRecord<String, byte[]>> records = rig.readAll(rig.config.kafka().alertsTopic(),
                    r -> distinctMessageIds(r).size() >= total, Duration.ofSeconds(60));
            checkDelivery(committed, records, ALERTS);
            assertEquals(0, rig.metric("vigil_alert_events_dropped_total"));
        }
    }

    /** Each camera's message ids ({@code alertId/outboxId}) in commit order, from the outbox. */
    static Map<String, List<String>> committedPerCamera(AlertsRig rig) throws Exception {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Connection c = rig.catalog.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT camera_id, alert_id, id FROM alert_outbox ORDER BY id")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getObject(2, UUID.class) + "/"
                        + rs.getLong(3));
            }
        }
        return out;
    }

    static Set<String> distinctMessageIds(List<ConsumerRecord<String, byte[]>> records) {
        Set<String> ids = new HashSet<>();
        records.forEach(r -> ids.add(header(r, "vigil-message-id")));
        return ids;
    }

    static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * Every committed message arrived; per camera, first arrivals are in commit order; duplicates
     * are byte-identical with the same ids; every message is valid against the schema, keyed by
     * its camera, with the headers.
     */
    static void checkDelivery(Map<String, List<String>> committed, List<ConsumerRecord<String, byte[]>> records,
            int alerts) {
        AlertSchema schema = AlertSchema.load("vigil.alerts.v1.schema.json");
        Map<String, byte[]> firstValue = new LinkedHashMap<>();
        Map<String, List<String>> arrivedPerCamera = new LinkedHashMap<>();
        Set<UUID> alertIds = new HashSet<>();
        int duplicates = 0;
        for (ConsumerRecord<String, byte[]> r : records) {
            String messageId = header(r, "vigil-message-id");
            byte[] earlier = firstValue.putIfAbsent(messageId, r.value());
            if (earlier != null) {
                duplicates++;
                assertArrayEquals(earlier, r.value(), "a duplicate of " + messageId + " is the same message");
                continue;
            }
            String json = new String(r.value(), StandardCharsets.UTF_8);
            assertEquals(List.of(), schema.problems(json), json);
            Alert a = AlertJson.decode(json);
            assertEquals(a.camera().id().value(), r.key(), "key = camera id");
            assertEquals(a.alertId().toString(), header(r, "vigil-alert-id"));
            assertEquals("1.0", header(r, "vigil-schema-version"));
            assertEquals(a.lifecycle().name(), header(r, "vigil-lifecycle"));
            assertTrue(messageId.startsWith(a.alertId() + "/"), messageId);
            alertIds.add(a.alertId());
            arrivedPerCamera.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(messageId);
        }
        assertEquals(alerts, alertIds.size(), "every alert id arrives");
        assertEquals(committed.keySet(), arrivedPerCamera.keySet());
        for (Map.Entry<String, List<String>> e : committed.entrySet()) {
            assertEquals(e.getValue(), arrivedPerCamera.get(e.getKey()), "camera " + e.getKey()
                    + ": every message, in commit order");
        }
        log.info("{} records read, {} distinct messages, {} duplicates", records.size(), firstValue.size(), duplicates);
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
