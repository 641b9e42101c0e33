package dev.vigil.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.app.embedded.EmbeddedKafka;
import dev.vigil.core.config.CatalogConfig;
import dev.vigil.core.config.KafkaConfig;
import dev.vigil.core.config.Listen;
import dev.vigil.storage.catalog.Catalog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restart test: a node raising a burst of 1,000 alerts from 20 cameras is killed with
 * SIGKILL midway (its embedded broker dies with it) and started again on the same data. Every
 * alert committed before the kill arrives, each camera's messages in commit order, duplicates
 * identical; the alerts the kill left open are closed by the restart.
 */
class AlertKillIT {
    @TempDir
    Path dir;

    @Test
    @Timeout(400)
    void aNodeKilledMidBurstDeliversEveryCommittedAlertAfterItsRestart() throws Exception {
        List<String> first = Collections.synchronizedList(new ArrayList<>());
        Process burst = node(first, "burst", "1000");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (committedMessages(first) < 800) { // 400 alerts: a good part of the burst, not all of it
                assertTrue(burst.isAlive(), () -> "node exited:\n" + text(first));
                assertTrue(System.nanoTime() < deadline, () -> "no burst:\n" + text(first));
                Thread.sleep(20);
            }
        } finally {
            burst.destroyForcibly(); // SIGKILL: no shutdown hook, the producer's buffer and the broker die too
        }
        assertTrue(burst.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, burst.exitValue());

        Set<UUID> committedBeforeKill = new HashSet<>();
        long unsentAtKill;
        try (Catalog catalog = Catalog.open(new CatalogConfig(null, null, null), dir, Map.of());
                Connection c = catalog.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT alert_id FROM alerts")) {
                while (rs.next()) {
                    committedBeforeKill.add(rs.getObject(1, UUID.class));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alert_outbox WHERE sent_at IS NULL")) {
                rs.next();
                unsentAtKill = rs.getLong(1);
            }
        }
        assertTrue(committedBeforeKill.size() >= 400 && committedBeforeKill.size() < 1000,
                "killed mid-burst: " + committedBeforeKill.size() + " alerts committed");

        List<String> second = Collections.synchronizedList(new ArrayList<>());
        Process drain = node(second, "drain");
        assertTrue(drain.waitFor(240, TimeUnit.SECONDS), () -> "restarted node did not drain:\n" + text(second));
        assertEquals(0, drain.exitValue(), () -> text(second));
        assertTrue(second.contains("drained"));

        Map<String, List<String>> committed = new LinkedHashMap<>();
        Set<UUID> all = new HashSet<>();
        int closedAtRestart;
        try (Catalog catalog = Catalog.open(new CatalogConfig(null, null, null), dir, Map.of());
                Connection c = catalog.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT camera_id, alert_id, id FROM alert_outbox ORDER BY id")) {
                while (rs.next()) {
                    UUID alert = rs.getObject(2, UUID.class);
                    all.add(alert);
                    committed.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(alert + "/" + rs.getLong(3));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alerts WHERE lifecycle <> 'CLOSED'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "the restart closed what the kill left open");
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alert_outbox WHERE lifecycle = 'CLOSED'")) {
                rs.next();
                closedAtRestart = rs.getInt(1);
            }
        }
        assertEquals(committedBeforeKill, all, "the restart raised no new alert, only closed old ones");
        assertEquals(committedBeforeKill.size(), closedAtRestart, "every alert is closed once");

        int total = committed.values().stream().mapToInt(List::size).sum();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(new KafkaConfig(null, new Listen("127.0.0.1", 0), 0, null, null,
                null), dir)) {
            List<ConsumerRecord<String, byte[]>> records = readAll(kafka.bootstrapServers(), "vigil.alerts.v1", total);
            AlertDeliveryIT.checkDelivery(committed, records, committedBeforeKill.size());
        }
        System.out.println("kill test: " + committedBeforeKill.size() + " alerts committed before the kill, "
                + unsentAtKill + " messages unsent at the kill");
    }

    /** The node's output so far; the reader thread appends while this copies, so it holds the list's lock. */
    private static String text(List<String> output) {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private static long committedMessages(List<String> output) {
        synchronized (output) {
            for (int i = output.size() - 1; i >= 0; i--) {
                if (output.get(i).startsWith("committed ")) {
                    return Long.parseLong(output.get(i).substring("committed ".length()));
                }
            }
        }
        return 0;
    }

    private Process node(List<String> output, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), AlertBurstNode.class.getName(), dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("VIGIL_"));
        env.put("VIGIL_OBJECT_STORE_EMBEDDED_PORT", "0");
        env.put("VIGIL_KAFKA_EMBEDDED_PORT", "0");
        env.put("VIGIL_KAFKA_EMBEDDED_CONTROLLER_PORT", "0");
        env.put("VIGIL_API_PORT", "0");
        Process p = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    output.add(line);
                }
            } catch (java.io.IOException ignored) {
                // ended
            }
        }, "node-output");
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    /** Every record of {@code topic} from the start, until {@code distinct} distinct messages arrived (60 s at most). */
    private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic, int distinct) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
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
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (AlertDeliveryIT.distinctMessageIds(records).size() < distinct && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
