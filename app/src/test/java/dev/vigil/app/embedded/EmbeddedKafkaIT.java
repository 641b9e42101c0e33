package dev.vigil.app.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.config.KafkaConfig;
import dev.vigil.core.config.Listen;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker, driven by the plain Kafka clients, across a restart on the same data. */
@Timeout(180)
class EmbeddedKafkaIT {
    private static final KafkaConfig CONFIG = new KafkaConfig(null, new Listen("127.0.0.1", 0), 0, null, null, null);
    private static final String TOPIC = "vigil.alerts.v1";

    @TempDir
    Path dataDir;

    @Test
    void producesConsumesAndKeepsRecordsAcrossRestartWithoutReformatting() throws Exception {
        String clusterId;
        String firstBootstrap;
        long metaPropertiesModified;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(CONFIG, dataDir)) {
            firstBootstrap = kafka.bootstrapServers();
            assertTrue(firstBootstrap.startsWith("127.0.0.1:"), firstBootstrap);
            clusterId = kafka.clusterId();
            assertEquals(clusterId, Files.readString(dataDir.resolve("kafka/cluster-id")).strip());
            metaPropertiesModified = Files.getLastModifiedTime(dataDir.resolve("kafka/logs/meta.properties")).toMillis();
            assertTrue(Files.readString(dataDir.resolve("kafka/logs/meta.properties")).contains(clusterId));

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, firstBootstrap))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                // Metadata reaches the broker's cache a moment after creation returns: poll, bounded.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                boolean listed = false;
                while (!listed && System.nanoTime() < deadline) {
                    listed = admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC);
                    if (!listed) {
                        Thread.sleep(100);
                    }
                }
                assertTrue(listed, TOPIC + " is listed within 15 s of its creation");
            }
            try (KafkaProducer<String, String> producer = producer(firstBootstrap)) {
                RecordMetadata sent = producer.send(new ProducerRecord<>(TOPIC, "gate-3", "{\"alert\":\"loitering\"}"))
                        .get(30, TimeUnit.SECONDS);
                assertEquals(0, sent.offset());
            }
            List<ConsumerRecord<String, String>> records = consumeFromStart(firstBootstrap, 1);
            assertEquals("gate-3", records.get(0).key());
            assertEquals("{\"alert\":\"loitering\"}", records.get(0).value());
        }

        try (EmbeddedKafka restarted = EmbeddedKafka.start(CONFIG, dataDir)) {
            assertEquals(clusterId, restarted.clusterId());
            assertNotEquals(firstBootstrap, restarted.bootstrapServers()); // port 0: a new port each start
            assertEquals(metaPropertiesModified,
                    Files.getLastModifiedTime(dataDir.resolve("kafka/logs/meta.properties")).toMillis(),
                    "restart must not reformat");
            List<ConsumerRecord<String, String>> records = consumeFromStart(restarted.bootstrapServers(), 1);
            assertEquals(0, records.get(0).offset());
            assertEquals("{\"alert\":\"loitering\"}", records.get(0).value());
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Reads partition 0 from offset 0 until {@code count} records arrived (a consumer group joins too). */
    private static List<ConsumerRecord<String, String>> consumeFromStart(String bootstrap, int count) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "vigil-it");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seek(partition, 0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            consumer.commitSync(Duration.ofSeconds(10));
        }
        assertEquals(count, records.size(), "records read from " + TOPIC);
        return records;
    }
}
