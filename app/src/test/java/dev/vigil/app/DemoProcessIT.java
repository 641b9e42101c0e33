package dev.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil demo} as a separate process, run from the packaged jar exactly as {@code ./vigil}
 * runs it; this test is its external client: the embedded Kafka must take a produce/consume from
 * a plain Kafka client, the embedded S3 a put/get from the MinIO SDK, and both simulated cameras
 * must be ingested. Ports are 0 (free ones), set through {@code VIGIL_*} variables.
 */
class DemoProcessIT {
    private static final Pattern KAFKA = Pattern.compile("kafka \\(embedded\\)\\s+(\\S+)");
    private static final Pattern S3 = Pattern.compile("s3 \\(embedded\\)\\s+(http://\\S+)");
    private static final Pattern API = Pattern.compile("^\\s+api\\s+(http://\\S+)");
    private static final Pattern ADMIN_TOKEN = Pattern.compile("^\\s+(vgl_[A-Za-z0-9_-]{43})$");
    private static final Pattern PLAYING = Pattern.compile("^\\s+(sim-\\d+)\\s+PLAYING\\s+.*units (\\d+)");

    @Test
    @Timeout(240)
    void demoRunsAndItsServicesServeExternalClients(@TempDir Path dataDir) throws Exception {
        Path jar = Path.of("target", "vigil.jar");
        assumeTrue(Files.exists(jar), "target/vigil.jar is built in the package phase; run through ./mvnw verify");
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Process process = NodeProcess.demo(jar, dataDir, 45, output);
        try {
            String bootstrap = await(output, KAFKA, Duration.ofSeconds(120), process);
            String s3 = await(output, S3, Duration.ofSeconds(5), process);
            assertTrue(output.stream().anyMatch(l -> l.startsWith("Vigil vigil-1 ready in ")), String.join("\n", output));

            kafkaRoundTrip(bootstrap);
            s3RoundTrip(s3, Files.readString(dataDir.resolve("s3").resolve("secret-key")).strip());
            awaitBothCamerasIngesting(output, process);
            apiAnswers(await(output, API, Duration.ofSeconds(5), process),
                    await(output, ADMIN_TOKEN, Duration.ofSeconds(5), process));

            // --seconds ends the run: the node closes in order and the process exits 0.
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "demo did not stop after --seconds 45");
            Thread.sleep(500); // the output reader drains the last lines
            assertEquals(0, process.exitValue(), String.join("\n", output));
            assertTrue(output.stream().anyMatch(l -> l.startsWith("Vigil stopping")),
                    "exit " + process.exitValue() + ":\n" + String.join("\n", output));
        } finally {
            process.destroyForcibly();
        }
    }

    private static void kafkaRoundTrip(String bootstrap) throws Exception {
        Properties common = new Properties();
        common.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(common)) {
            admin.createTopics(List.of(new NewTopic("it.demo", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertTrue(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("vigil.alerts.v1"),
                    "the node creates its alerts topic at start");
        }
        Properties p = new Properties();
        p.putAll(common);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("it.demo", "cam", "hello from outside")).get(30, TimeUnit.SECONDS);
        }
        Properties c = new Properties();
        c.putAll(common);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition("it.demo", 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    assertEquals("hello from outside", r.value());
                    return;
                }
            }
        }
        throw new AssertionError("the record was not consumed within 30 s");
    }

    private static void s3RoundTrip(String endpoint, String secret) throws Exception {
        MinioClient minio = MinioClient.builder().endpoint(endpoint).credentials("vigil", secret).build();
        try {
            assertTrue(minio.bucketExists(BucketExistsArgs.builder().bucket("vigil-segments").build()),
                    "the node creates its buckets at start");
            byte[] body = "evidence".getBytes(StandardCharsets.UTF_8);
            minio.putObject(PutObjectArgs.builder().bucket("vigil-clips").object("it/demo.txt")
                    .stream(new ByteArrayInputStream(body), body.length, -1).build());
            try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket("vigil-clips").object("it/demo.txt").build())) {
                assertEquals("evidence", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            minio.close();
        }
    }

    private static void apiAnswers(String base, String adminToken) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> ready = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/readyz")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"ready\":true"), ready.body());
        java.net.http.HttpResponse<String> metrics = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("vigil_camera_up{camera=\"sim-1\",site=\"sim\",stream=\"main\"} 1.0"),
                metrics.body());
        java.net.http.HttpResponse<String> anonymous = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/api/v1/cameras")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), "the API needs a token");
        java.net.http.HttpResponse<String> cameras = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/api/v1/cameras")).header("Authorization", "Bearer " + adminToken).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(cameras.body().contains("\"camera\":\"sim-2\""), cameras.body());
    }

    private static void awaitBothCamerasIngesting(List<String> output, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            boolean one = false;
            boolean two = false;
            synchronized (output) {
                for (String line : output) {
                    Matcher m = PLAYING.matcher(line);
                    if (m.find() && Long.parseLong(m.group(2)) > 20) {
                        one |= m.group(1).equals("sim-1");
                        two |= m.group(1).equals("sim-2");
                    }
                }
            }
            if (one && two) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("both simulated cameras should be PLAYING with access units:\n" + String.join("\n", output));
    }

    private static String await(List<String> output, Pattern pattern, Duration timeout, Process process)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (output) {
                for (String line : output) {
                    Matcher m = pattern.matcher(line);
                    if (m.find()) {
                        return m.group(1);
                    }
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("demo exited with " + process.exitValue() + ":\n" + String.join("\n", output));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no line matching " + pattern + " within " + timeout + ":\n" + String.join("\n", output));
    }
}
