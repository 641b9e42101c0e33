package dev.vigil.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.app.VigilNode;
import dev.vigil.core.alert.Alert;
import dev.vigil.core.alert.AlertJson;
import dev.vigil.core.alert.AlertLifecycle;
import dev.vigil.core.config.AlertsConfig;
import dev.vigil.core.config.ConfigLoader;
import dev.vigil.core.config.NodeConfig;
import dev.vigil.core.config.SimulatorConfig;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.access.AuditAction;
import dev.vigil.storage.catalog.AlertRepository;
import dev.vigil.storage.object.ObjectStat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a whole node: a simulated camera over real RTSP, analytics rules (the walker
 * crossing the middle line and entering the right half) firing on its decoded footage, the alert
 * committed, snapshot stored, clip recorded and uploaded, and a plain Kafka consumer in a group
 * reading OPENED, then UPDATED with the clip, then CLOSED of one alert, each valid against the
 * JSON Schema.
 */
class AlertsEndToEndIT {
    @TempDir
    Path dataDir;

    @Test
    @Timeout(300)
    void aRuleFiringOnFootageIsOpenedUpdatedWithItsClipAndClosed() throws Exception {
        Map<String, String> env = Map.of("VIGIL_OBJECT_STORE_EMBEDDED_PORT", "0", "VIGIL_KAFKA_EMBEDDED_PORT", "0",
                "VIGIL_KAFKA_EMBEDDED_CONTROLLER_PORT", "0", "VIGIL_SIMULATOR_PORT", "0", "VIGIL_API_PORT", "0");
        VigilConfig config = new ConfigLoader(env).load();
        SimulatorConfig sim = config.simulator();
        config = config.withSimulator(new SimulatorConfig(true, sim.bind(), sim.port(), 1, sim.width(), sim.height(),
                        sim.fps(), sim.seconds(), sim.gopSeconds(), sim.bitrateKbps()))
                .withNode(new NodeConfig("vigil-1", dataDir.toString()))
                .withAlerts(new AlertsConfig(true, 30, "https://vigil.city.example", 4, 90, 1000, null, null));
        AlertSchema schema = AlertSchema.load("vigil.alerts.v1.schema.json");
        try (VigilNode node = VigilNode.start(config, env)) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, node.kafkaBootstrapServers());
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "ioc-e2e");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            Map<UUID, List<Alert>> byAlert = new LinkedHashMap<>();
            Optional<UUID> complete = Optional.empty();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of("vigil.alerts.v1"));
                long deadline = System.nanoTime() + Duration.ofSeconds(200).toNanos();
                while (complete.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                        assertEquals(List.of(), schema.problems(r.value()), r.value());
                        Alert a = AlertJson.decode(r.value());
                        assertEquals("sim-1", r.key());
                        byAlert.computeIfAbsent(a.alertId(), k -> new ArrayList<>()).add(a);
                    }
                    complete = byAlert.entrySet().stream().filter(e -> isOpenedClipClosed(e.getValue()))
                            .map(Map.Entry::getKey).findFirst();
                }
            }
            assertTrue(complete.isPresent(), "no alert went OPENED, UPDATED with clip, CLOSED: " + byAlert);
            List<Alert> messages = byAlert.get(complete.get());
            Alert opened = messages.get(0);
            Alert closed = messages.get(messages.size() - 1);
            assertTrue(List.of("zone_intrusion", "line_crossing").contains(opened.rule().type()), opened.rule().type());
            assertEquals("sim", opened.site().id().value());
            assertNotNull(opened.location(), "the simulated cameras have a position");
            assertNull(opened.clip());
            assertNull(opened.snapshot(), "OPENED goes out at once; the snapshot follows once stored");
            assertNotNull(closed.eventEnd());
            Alert withClip = messages.stream().filter(m -> m.clip() != null).findFirst().orElseThrow();
            assertEquals(AlertLifecycle.UPDATED, withClip.lifecycle());
            assertEquals("https://vigil.city.example/api/v1/alerts/" + complete.get() + "/clip", withClip.clip().url());
            ObjectStat clip = node.objectStore().stat(config.objectStore().clipsBucket(), withClip.clip().key());
            assertTrue(clip.size() > 1000, "the clip is in the clips bucket: " + clip);
            Alert withSnapshot = messages.stream().filter(m -> m.snapshot() != null).findFirst().orElseThrow();
            assertEquals(AlertLifecycle.UPDATED, withSnapshot.lifecycle(), "an UPDATED announces the rule's best frame");
            ObjectStat snapshot = node.objectStore().stat(config.objectStore().snapshotsBucket(),
                    withSnapshot.snapshot().key());
            assertEquals("image/jpeg", snapshot.contentType());
            assertEquals("https://vigil.city.example/api/v1/alerts/" + complete.get() + "/snapshot",
                    withSnapshot.snapshot().url());
            assertNotNull(closed.snapshot());
            assertEquals(closed, new AlertRepository(node.catalog().dataSource()).find(complete.get()).orElseThrow()
                    .entry().alert(), "the catalog holds the last message");
            String json = AlertJson.encode(closed);
            assertTrue(json.getBytes(StandardCharsets.UTF_8).length < 4096, json);

            // The URLs the messages name, served by this node's API to an operator (the clip audited).
            String operator = node.api().issueFirstAdminToken().orElseThrow().secret();
            HttpClient http = HttpClient.newHttpClient();
            String api = "http://127.0.0.1:" + node.api().port();
            String clipPath = withClip.clip().url().substring("https://vigil.city.example".length());
            HttpResponse<byte[]> clipBody = http.send(HttpRequest.newBuilder(URI.create(api + clipPath))
                    .header("Authorization", "Bearer " + operator).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, clipBody.statusCode(), new String(clipBody.body(), StandardCharsets.UTF_8));
            assertEquals("video/mp4", clipBody.headers().firstValue("Content-Type").orElse(""));
            assertEquals(clip.size(), clipBody.body().length, "the whole clip");
            assertEquals("ftyp", new String(clipBody.body(), 4, 4, StandardCharsets.US_ASCII));
            HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(URI.create(api + clipPath))
                    .header("Authorization", "Bearer " + operator).header("Range", "bytes=100-199").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(206, part.statusCode());
            assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOfRange(clipBody.body(), 100, 200)),
                    java.util.Arrays.toString(part.body()));
            assertTrue(node.api().audit().page(0, 1000).stream().anyMatch(r -> r.event().action() == AuditAction.DOWNLOAD
                    && r.event().camera() != null && r.event().camera().value().equals("sim-1")),
                    "the clip download is in the audit log");
            HttpResponse<byte[]> picture = http.send(HttpRequest.newBuilder(URI.create(api
                    + withSnapshot.snapshot().url().substring("https://vigil.city.example".length())))
                    .header("Authorization", "Bearer " + operator).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, picture.statusCode());
            assertEquals("image/jpeg", picture.headers().firstValue("Content-Type").orElse(""));
            assertEquals((byte) 0xFF, picture.body()[0]);
            assertEquals((byte) 0xD8, picture.body()[1]);
        }
    }

    /** OPENED first, an UPDATED carrying the clip, CLOSED last (with the clip and the snapshot). */
    private static boolean isOpenedClipClosed(List<Alert> messages) {
        if (messages.size() < 3 || messages.get(0).lifecycle() != AlertLifecycle.OPENED) {
            return false;
        }
        Alert last = messages.get(messages.size() - 1);
        return last.lifecycle() == AlertLifecycle.CLOSED && last.clip() != null && last.snapshot() != null
                && messages.stream().anyMatch(m -> m.lifecycle() == AlertLifecycle.UPDATED && m.clip() != null);
    }
}
