package dev.vigil.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.app.VigilNode;
import dev.vigil.core.config.ConfigLoader;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.model.AnalyticsEventPhase;
import dev.vigil.storage.catalog.AlertRepository;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operators' API of a running node on the embedded services (S3, Kafka, H2, simulated
 * cameras sim-1 and sim-2 of site sim), over real HTTP: alerts raised through the node's raiser
 * are listed, filtered and paged; acted on through the API (the state the Kafka acknowledgements
 * update) and over Kafka (seen in the API's detail); a new one arrives on the Server-Sent Events
 * stream; the snapshot is served; a token of another site sees none of them.
 */
@Timeout(300)
class OperatorsApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "it-bootstrap-0123456789abcdef0123456789abcdef";
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 1, 2, 3, (byte) 0xff,
        (byte) 0xd9};
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    static Path dataDir;
    private static VigilNode node;

    @BeforeAll
    static void start() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VIGIL_OBJECT_STORE_EMBEDDED_PORT", "0");
        env.put("VIGIL_KAFKA_EMBEDDED_PORT", "0");
        env.put("VIGIL_KAFKA_EMBEDDED_CONTROLLER_PORT", "0");
        env.put("VIGIL_SIMULATOR_PORT", "0");
        env.put("VIGIL_API_PORT", "0");
        env.put("VIGIL_NODE_DATA_DIR", dataDir.toString());
        env.put("VIGIL_BOOTSTRAP_TOKEN", ADMIN);
        VigilConfig config = new ConfigLoader(env).loadYaml("api:\n  limits:\n    requestsPerSecond: 1000\n"
                + "    burst: 1000\n", "OperatorsApiIT");
        node = VigilNode.start(config.withSimulator(config.simulator().withEnabled(true)), env);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.api().port() + path))
                .timeout(Duration.ofSeconds(20)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> r = call("GET", path, token, null);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private static String token(String role, String site) throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/tokens", ADMIN, JSON.writeValueAsString(Map.of("role", role,
                "name", "it " + role + " " + site, "sites", site == null ? List.of() : List.of(site))));
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("secret").asText();
    }

    private static void raise(String camera, Instant start) {
        node.alerts().raiser().accept(AlertEvents.step(UUID.randomUUID(), camera, AnalyticsEventPhase.START, start,
                null, 1, JPEG));
    }

    private static Set<String> ids(JsonNode page) {
        Set<String> out = new HashSet<>();
        page.get("items").forEach(i -> out.add(i.get("id").asText()));
        return out;
    }

    @Test
    void operatorsListActStreamAndSeeOnlyTheirSites() throws Exception {
        String operator = token("operator", "sim");
        String viewer = token("viewer", null);
        Instant t0 = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        raise("sim-1", t0);
        raise("sim-2", t0.plusSeconds(1));
        raise("sim-1", t0.plusSeconds(2));
        assertTrue(AlertsRig.await(() -> {
            try {
                return get("/api/v1/alerts?kind=zone_intrusion", viewer).get("items").size() == 3;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(60)), "three alerts listed");

        // Paging and filters.
        JsonNode first = get("/api/v1/alerts?kind=zone_intrusion&limit=2", operator);
        assertEquals(2, first.get("items").size());
        assertEquals("sim-1", first.get("items").get(0).get("camera").asText(), "newest first");
        JsonNode second = get("/api/v1/alerts?kind=zone_intrusion&limit=2&cursor=" + first.get("nextCursor").asText(),
                operator);
        assertEquals(1, second.get("items").size());
        assertTrue(second.get("nextCursor").isNull());
        Set<String> all = ids(first);
        all.addAll(ids(second));
        assertEquals(3, all.size());
        assertEquals(1, get("/api/v1/alerts?kind=zone_intrusion&camera=sim-2", operator).get("items").size());
        assertEquals(3, get("/api/v1/alerts?kind=zone_intrusion&state=open&site=sim&from=" + t0, operator)
                .get("items").size());
        String severity = first.get("items").get(0).get("severity").asText();
        assertEquals(2, get("/api/v1/alerts?" + "kind=zone_intrusion&camera=sim-1&severity=" + severity + ",info", operator)
                .get("items").size());
        HttpResponse<String> bad = call("GET", "/api/v1/alerts?from=yesterday", operator, null);
        assertEquals(400, bad.statusCode());
        assertEquals("from", JSON.readTree(bad.body()).get("details").get("field").asText());

        // Another site's token sees nothing, not even by id.
        String elsewhere = token("operator", "elsewhere");
        assertEquals("[]", get("/api/v1/alerts", elsewhere).get("items").toString());
        String alertA = first.get("items").get(0).get("id").asText();
        String alertB = first.get("items").get(1).get("id").asText();
        assertEquals(404, call("GET", "/api/v1/alerts/" + alertA, elsewhere, null).statusCode());
        assertEquals(404, call("POST", "/api/v1/alerts/" + alertA + "/dismiss", elsewhere, null).statusCode());

        // Acting through the API is the state the Kafka acknowledgements update.
        HttpResponse<String> ack = call("POST", "/api/v1/alerts/" + alertA + "/acknowledge", operator,
                "{\"note\":\"patrol on the way\"}");
        assertEquals(200, ack.statusCode(), ack.body());
        var row = new AlertRepository(node.catalog().dataSource()).find(UUID.fromString(alertA)).orElseThrow();
        assertEquals("acknowledged", row.handling().state());
        assertEquals("it operator sim", row.handling().by());
        assertEquals("patrol on the way", row.handling().note());
        HttpResponse<String> twice = call("POST", "/api/v1/alerts/" + alertA + "/acknowledge", operator, null);
        assertEquals(409, twice.statusCode(), twice.body());
        assertEquals(403, call("POST", "/api/v1/alerts/" + alertA + "/escalate", viewer, null).statusCode());

        // An acknowledgement over Kafka shows in the API's detail.
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, node.kafkaBootstrapServers()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            String message = "{\"alertId\":\"" + alertB + "\",\"action\":\"escalate\",\"by\":\"ioc.17\",\"note\":"
                    + "\"to police\",\"time\":\"" + Instant.now() + "\"}";
            producer.send(new ProducerRecord<>(node.config().kafka().acksTopic(), alertB.getBytes(
                    StandardCharsets.UTF_8), message.getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        }
        assertTrue(AlertsRig.await(() -> {
            try {
                return "escalated".equals(get("/api/v1/alerts/" + alertB, viewer).get("state").get("state").asText());
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(60)), "the IOC's escalation reached the API");
        JsonNode detailB = get("/api/v1/alerts/" + alertB, viewer);
        assertEquals("ioc.17", detailB.get("actions").get(0).get("by").asText());
        assertTrue(detailB.get("actions").get(0).get("origin").asText().startsWith("kafka:"), detailB.toString());
        assertEquals(alertB, detailB.get("alert").get("alertId").asText(), "the message as sent to the IOC");
        assertEquals(1, get("/api/v1/alerts?state=escalated&kind=zone_intrusion", viewer).get("items").size());

        // The snapshot, once stored.
        assertTrue(AlertsRig.await(() -> {
            try {
                return !get("/api/v1/alerts/" + alertA, viewer).get("snapshot").isNull();
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(60)), "snapshot stored");
        HttpResponse<byte[]> jpeg = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.api().port()
                + "/api/v1/alerts/" + alertA + "/snapshot?access_token=" + viewer)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, jpeg.statusCode());
        assertEquals("image/jpeg", jpeg.headers().firstValue("Content-Type").orElse(""));
        assertTrue(java.util.Arrays.equals(JPEG, jpeg.body()));

        // A new alert on the live stream (sim-2 only), then a resume with Last-Event-ID.
        HttpResponse<java.io.InputStream> stream = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + node.api().port() + "/api/v1/alerts/stream?camera=sim-2&kind=zone_intrusion")).header("Authorization", "Bearer "
                + operator).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        String lastId;
        String fresh;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertEquals("retry: 3000", in.readLine());
            assertTrue(AlertsRig.await(() -> node.api().operators().feed().subscribers() == 1, Duration.ofSeconds(10)));
            Thread.sleep(1500); // the poller has read where the feed ends
            raise("sim-1", Instant.now());
            raise("sim-2", Instant.now());
            List<String> event = nextEvent(in);
            assertEquals("event: alert", event.get(1), event.toString());
            JsonNode data = JSON.readTree(event.get(2).substring("data: ".length()));
            assertEquals("sim-2", data.get("alert").get("camera").asText(), "only its filter");
            fresh = data.get("alert").get("id").asText();
            assertFalse(all.contains(fresh));
            lastId = event.get(0).substring("id: ".length());
        }
        assertEquals(200, call("POST", "/api/v1/alerts/" + fresh + "/dismiss", operator, "{\"note\":\"false alarm\"}")
                .statusCode());
        HttpResponse<java.io.InputStream> resumed = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + node.api().port() + "/api/v1/alerts/stream?camera=sim-2&kind=zone_intrusion")).header("Authorization", "Bearer "
                + operator).header("Last-Event-ID", lastId).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(resumed.body(), StandardCharsets.UTF_8))) {
            List<String> event;
            do {
                event = nextEvent(in);
            } while (!event.get(1).equals("event: action"));
            JsonNode data = JSON.readTree(event.get(2).substring("data: ".length()));
            assertEquals(fresh, data.get("alert").get("id").asText());
            assertEquals("dismiss", data.get("action").get("action").asText());
            assertEquals("false alarm", data.get("action").get("note").asText());
        }
    }

    /** The lines of the next event (id, event, data), skipping comments and retry. */
    private static List<String> nextEvent(BufferedReader in) throws Exception {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (!lines.isEmpty()) {
                    return lines;
                }
            } else if (!line.startsWith(":") && !line.startsWith("retry:")) {
                lines.add(line);
            }
        }
        throw new AssertionError("stream ended: " + lines);
    }
}
