package dev.vigil.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.app.VigilNode;
import dev.vigil.app.sim.SceneEncoder;
import dev.vigil.core.config.ConfigLoader;
import dev.vigil.core.config.SimulatorConfig;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.model.AnalyticsEvent;
import dev.vigil.core.model.AnalyticsEventPhase;
import dev.vigil.core.model.AnalyticsEventType;
import dev.vigil.core.model.CameraId;
import dev.vigil.ingest.rtsp.Credentials;
import dev.vigil.ingest.sim.SimulatedCameraServer;
import dev.vigil.ingest.sim.SimulatedOnvifDevice;
import dev.vigil.ingest.supervisor.CameraHealth;
import dev.vigil.ingest.supervisor.CameraState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Integrators' config API against a running node on the embedded services (S3, Kafka, H2
 * catalog), with a simulated camera that requires Digest authentication: a camera added through
 * the API ingests, records and raises events; a change of its rules changes its events while its
 * RTSP session and its recording segment go on untouched; deleting it stops it and finishes its
 * segment; the history says who changed what and when; hosts outside {@code api.cameraNetworks}
 * and unset password variables are refused naming the field; the password is in no answer and no
 * log line; the config file seeds the catalog and the catalog wins at the next start.
 */
@Timeout(300)
class ConfigApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOOTSTRAP = "it-config-bootstrap-0123456789abcdef0123456789";
    private static final String PASSWORD = "pw-7f3c91-never-logged";
    private static final CameraId DOOR = CameraId.of("door");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private VigilNode node;

    private HttpResponse<String> call(String method, String path, String token, String body, String ifMatch)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.api().port() + path))
                .timeout(Duration.ofSeconds(60)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        b.header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        answers.add(r.body());
        return r;
    }

    private final List<String> answers = new CopyOnWriteArrayList<>();

    private String token(String role) throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/tokens", BOOTSTRAP, "{\"role\": \"" + role
                + "\", \"name\": \"it " + role + "\"}", null);
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("secret").asText();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static boolean has(List<AnalyticsEvent> events, AnalyticsEventType type, AnalyticsEventPhase phase,
            Instant after) {
        return events.stream().anyMatch(e -> e.camera().equals(DOOR) && e.type() == type && e.phase() == phase
                && !e.start().isBefore(after));
    }

    private VigilConfig config(Path data, Map<String, String> env) {
        String yaml = """
                node: {dataDir: %s}
                sites: [{id: yard, name: North yard}]
                cameras:
                  - {id: gate, site: yard, url: "rtsp://10.0.0.21/main", enabled: false}
                """.formatted(data);
        return new ConfigLoader(env).loadYaml(yaml, "it.yml");
    }

    private static List<Instant[]> recordings(VigilNode node, String camera) throws Exception {
        try (Connection c = node.catalog().dataSource().getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT start_ts, end_ts FROM recordings WHERE camera_id = ? ORDER BY start_ts")) {
            p.setString(1, camera);
            List<Instant[]> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Instant[] {rs.getObject(1, java.time.OffsetDateTime.class).toInstant(),
                            rs.getObject(2, java.time.OffsetDateTime.class).toInstant()});
                }
            }
            return out;
        }
    }

    @Test
    void camerasAddedChangedAndDeletedThroughTheApiOnARunningNode(@TempDir Path dir) throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VIGIL_OBJECT_STORE_EMBEDDED_PORT", "0");
        env.put("VIGIL_KAFKA_EMBEDDED_PORT", "0");
        env.put("VIGIL_KAFKA_EMBEDDED_CONTROLLER_PORT", "0");
        env.put("VIGIL_API_PORT", "0");
        env.put("VIGIL_BOOTSTRAP_TOKEN", BOOTSTRAP);
        env.put("DOOR_PASSWORD", PASSWORD);
        Path data = dir.resolve("data");
        List<AnalyticsEvent> events = new CopyOnWriteArrayList<>();
        SimulatorConfig scene = new SimulatorConfig(true, null, null, 1, null, null, null, null, null, null);
        Credentials login = new Credentials("admin", PASSWORD);
        try (SimulatedCameraServer camera = SimulatedCameraServer.start(SceneEncoder.of(scene).encode()
                .toSimulatedStream(), 2, "127.0.0.1", 0, login);
                SimulatedOnvifDevice device = SimulatedOnvifDevice.start(SimulatedOnvifDevice.Options.of(login,
                        camera.urls().get(0), camera.urls().get(1)), "127.0.0.1")) {
            String url = camera.urls().get(0);
            node = VigilNode.start(config(data, env), env, List.of(events::add));
            try {
                String integrator = token("integrator");
                String viewer = token("viewer");

                // The file seeded the catalog: its site and (disabled) camera are there, from the file.
                JsonNode listed = json(call("GET", "/api/v1/cameras", integrator, null, null)).get("cameras");
                assertEquals("gate", listed.get(0).get("camera").asText());
                assertEquals("file", listed.get(0).get("origin").asText());
                assertEquals("disabled", listed.get(0).get("state").asText());

                HttpResponse<String> renamed = call("PUT", "/api/v1/sites/yard", integrator,
                        "{\"name\": \"North yard gate\"}", null);
                assertEquals(200, renamed.statusCode(), renamed.body());
                assertEquals(201, call("POST", "/api/v1/sites", integrator,
                        "{\"id\": \"lab\", \"name\": \"Lab\", \"timeZone\": \"Asia/Ho_Chi_Minh\"}", null).statusCode());
                String door = """
                        {"id": "door", "site": "lab", "url": "%s", "transport": "tcp",
                         "credentials": {"user": "admin", "passwordEnv": "DOOR_PASSWORD"},
                         "record": {"mode": "continuous", "segmentSeconds": 600},
                         "analytics": {"detectors": ["motion"],
                           "lines": [{"name": "middle", "points": [[0.5, 0.05], [0.5, 0.95]]}],
                           "rules": [{"id": "wrong-way", "type": "line-crossing", "line": "middle",
                                      "allowed": "right-to-left"}]}}""".formatted(url);

                // Refused, naming the field: a host outside api.cameraNetworks, an unset or reserved variable.
                HttpResponse<String> outside = call("POST", "/api/v1/cameras", integrator,
                        door.replace(url, "rtsp://203.0.113.7/main"), null);
                assertEquals(422, outside.statusCode(), outside.body());
                assertEquals("url", json(outside).get("details").get("field").asText());
                assertTrue(json(outside).get("message").asText().contains("outside api.cameraNetworks"),
                        outside.body());
                HttpResponse<String> unset = call("POST", "/api/v1/cameras", integrator,
                        door.replace("DOOR_PASSWORD", "NOT_SET_ANYWHERE"), null);
                assertEquals(422, unset.statusCode(), unset.body());
                assertEquals("credentials.passwordEnv", json(unset).get("details").get("field").asText());
                assertEquals(422, call("POST", "/api/v1/cameras", integrator,
                        door.replace("DOOR_PASSWORD", "VIGIL_DOOR_PASSWORD"), null).statusCode());
                assertEquals(404, call("GET", "/api/v1/cameras/door", integrator, null, null).statusCode(),
                        "nothing refused was stored");

                // Added: it ingests (Digest with the password from the node's environment), records, analyses.
                long t0 = System.nanoTime();
                HttpResponse<String> created = call("POST", "/api/v1/cameras", integrator, door, null);
                long createdNanos = System.nanoTime() - t0;
                assertEquals(201, created.statusCode(), created.body());
                assertEquals("[\"ingest started\",\"recording started\",\"analytics started\"]",
                        json(created).get("applied").get("restarted").get("door").toString());
                await("door playing", Duration.ofSeconds(20), () -> node.ingest().gateway().cameras().contains(DOOR)
                        && node.ingest().gateway().health(DOOR).state() == CameraState.PLAYING);
                long playingNanos = System.nanoTime() - t0;
                Instant added = Instant.now();
                await("a wrong-way event", Duration.ofSeconds(45),
                        () -> has(events, AnalyticsEventType.WRONG_WAY, AnalyticsEventPhase.END, added.minusSeconds(60)));
                assertEquals("playing", json(call("GET", "/api/v1/cameras/door", viewer, null, null)).get("state")
                        .asText());

                // Only its rules change: only analytics restarts.
                CameraHealth before = node.ingest().gateway().health(DOOR);
                HttpResponse<String> rules = call("PUT", "/api/v1/cameras/door/analytics", integrator, """
                        {"detectors": ["motion"], "lines": [{"name": "middle", "points": [[0.5, 0.05], [0.5, 0.95]]}],
                         "rules": [{"id": "crossing", "type": "line-crossing", "line": "middle"}]}""", "\"1\"");
                assertEquals(200, rules.statusCode(), rules.body());
                Instant changed = Instant.now();
                assertEquals("[\"analytics restarted\"]", json(rules).get("applied").get("restarted").get("door")
                        .toString());
                await("a crossing under the new rule", Duration.ofSeconds(45),
                        () -> has(events, AnalyticsEventType.LINE_CROSSING, AnalyticsEventPhase.END, changed));
                assertFalse(has(events, AnalyticsEventType.WRONG_WAY, AnalyticsEventPhase.START, changed),
                        "the old rule raises nothing after the change");
                CameraHealth after = node.ingest().gateway().health(DOOR);
                assertEquals(before.since(), after.since(), "the RTSP session was never restarted");
                assertEquals(before.reconnects(), after.reconnects());
                assertEquals(CameraState.PLAYING, after.state());
                assertTrue(after.accessUnits() > before.accessUnits());
                assertEquals(List.of(), recordings(node, "door"), "no segment was cut");
                assertEquals(409, call("PUT", "/api/v1/cameras/door/analytics", integrator, "{}", "\"1\"").statusCode(),
                        "a stale version");

                // Tested as vigil probe does, beside the running session.
                HttpResponse<String> tested = call("POST", "/api/v1/cameras/door/test?seconds=2", integrator, null,
                        null);
                assertEquals(200, tested.statusCode(), tested.body());
                assertTrue(json(tested).get("ok").asBoolean(), tested.body());
                assertEquals("h264", json(tested).get("codec").asText());
                assertEquals(640, json(tested).get("width").asInt());
                assertEquals(before.since(), node.ingest().gateway().health(DOOR).since(), "the test touched nothing");

                // History: who, when, what.
                JsonNode versions = json(call("GET", "/api/v1/cameras/door/history", integrator, null, null))
                        .get("versions");
                assertEquals(2, versions.size(), versions.toString());
                JsonNode update = versions.get(0);
                assertEquals(2, update.get("version").asInt());
                assertEquals("update", update.get("action").asText());
                assertEquals("it integrator", update.get("author").get("actorName").asText());
                Instant at = Instant.parse(update.get("at").asText());
                assertTrue(!at.isBefore(added) && !at.isAfter(changed), at.toString());
                Set<String> paths = new java.util.TreeSet<>();
                update.get("changes").forEach(c -> paths.add(c.get("path").asText()));
                assertEquals(Set.of("analytics.rules[wrong-way]", "analytics.rules[crossing]"), paths);
                assertEquals("create", versions.get(1).get("action").asText());

                // Ten more rule changes in a row: each restarts analytics alone; the session and segment go on.
                List<Long> changeMillis = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    String allowed = i % 2 == 0 ? ", \"allowed\": \"right-to-left\"" : "";
                    long c0 = System.nanoTime();
                    HttpResponse<String> again = call("PUT", "/api/v1/cameras/door/analytics", integrator, """
                            {"detectors": ["motion"], "lines": [{"name": "middle", "points": [[0.5, 0.05], [0.5, 0.95]]}],
                             "rules": [{"id": "crossing", "type": "line-crossing", "line": "middle"%s}]}"""
                            .formatted(allowed), "\"" + (2 + i) + "\"");
                    changeMillis.add((System.nanoTime() - c0) / 1_000_000);
                    assertEquals(200, again.statusCode(), again.body());
                    assertEquals("[\"analytics restarted\"]", json(again).get("applied").get("restarted").get("door")
                            .toString());
                }
                assertEquals(before.since(), node.ingest().gateway().health(DOOR).since());
                assertEquals(before.reconnects(), node.ingest().gateway().health(DOOR).reconnects());
                assertEquals(List.of(), recordings(node, "door"));
                assertEquals(List.of(CameraId.of("door")), node.analytics().cameras());
                assertTrue(node.alerts().raiser().cameras().contains(DOOR), "its events raise alerts");
                List<Long> sorted = changeMillis.stream().sorted().toList();
                System.out.printf("config apply timing: create answered in %d ms, playing after %d ms; analytics-only"
                        + " change answered in %d ms median, %d ms max (10 changes)%n", createdNanos / 1_000_000,
                        playingNanos / 1_000_000, sorted.get(4), sorted.get(9));

                // Deleted: it stops, its one segment (spanning the rules change) is finished and uploaded.
                long d0 = System.nanoTime();
                HttpResponse<String> deleted = call("DELETE", "/api/v1/cameras/door", integrator, null, null);
                System.out.printf("config apply timing: delete answered in %d ms%n", (System.nanoTime() - d0) / 1_000_000);
                assertEquals(200, deleted.statusCode(), deleted.body());
                assertEquals("[\"ingest stopped\",\"recording stopped\",\"analytics stopped\"]",
                        json(deleted).get("applied").get("restarted").get("door").toString());
                assertFalse(node.ingest().gateway().cameras().contains(DOOR));
                assertFalse(node.analytics().cameras().contains(DOOR));
                assertFalse(node.alerts().raiser().cameras().contains(DOOR));
                assertFalse(call("GET", "/api/v1/cameras", viewer, null, null).body().contains("\"door\""));
                await("the finished segment in the catalog", Duration.ofSeconds(30),
                        () -> {
                            try {
                                return !recordings(node, "door").isEmpty();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
                List<Instant[]> segments = recordings(node, "door");
                assertEquals(1, segments.size(), "one segment from add to delete");
                assertTrue(segments.get(0)[0].isBefore(changed) && segments.get(0)[1].isAfter(changed),
                        segments.get(0)[0] + ".." + segments.get(0)[1] + " spans the change at " + changed);
                Map<Object, Long> starts = events.stream().filter(e -> e.camera().equals(DOOR)
                        && e.phase() == AnalyticsEventPhase.START).collect(Collectors.groupingBy(AnalyticsEvent::id,
                        Collectors.counting()));
                Set<Object> ends = events.stream().filter(e -> e.camera().equals(DOOR)
                        && e.phase() == AnalyticsEventPhase.END).map(AnalyticsEvent::id).collect(Collectors.toSet());
                assertEquals(starts.keySet(), ends, "every event of the door ended, through both restarts");
                JsonNode all = json(call("GET", "/api/v1/cameras/door/history?limit=100", integrator, null, null));
                assertEquals(13, all.get("versions").size());
                assertEquals("delete", all.get("versions").get(0).get("action").asText());

                // An ONVIF camera: its streams are asked of the device as it starts, the sub profile analysed.
                CameraId porch = CameraId.of("porch");
                HttpResponse<String> onvif = call("POST", "/api/v1/cameras", integrator, """
                        {"id": "porch", "site": "lab", "onvif": {"address": "%s"},
                         "credentials": {"user": "admin", "passwordEnv": "DOOR_PASSWORD"}, "record": {"mode": "off"},
                         "analytics": {"detectors": ["motion"],
                           "lines": [{"name": "middle", "points": [[0.5, 0.05], [0.5, 0.95]]}],
                           "rules": [{"id": "crossing", "type": "line-crossing", "line": "middle"}]}}"""
                        .formatted(device.deviceService()), null);
                assertEquals(201, onvif.statusCode(), onvif.body());
                assertEquals("[\"ingest started\",\"detect-stream started\",\"analytics started\"]",
                        json(onvif).get("applied").get("restarted").get("porch").toString());
                await("porch and its sub-stream playing", Duration.ofSeconds(20),
                        () -> node.ingest().gateway().health(porch).state() == CameraState.PLAYING
                                && node.ingest().detectStreamHealth().get(porch).state() == CameraState.PLAYING);
                await("porch's event subscription", Duration.ofSeconds(20), () -> device.activeSubscriptions() == 1);
                String porchMetrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + node.api().port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(porchMetrics.contains(
                        "vigil_camera_up{camera=\"porch\",site=\"lab\",stream=\"detect\"} 1.0"),
                        "the detect stream's session has its own series");
                JsonNode porchTest = json(call("POST", "/api/v1/cameras/porch/test?seconds=1", integrator, null, null));
                assertTrue(porchTest.get("ok").asBoolean(), porchTest.toString());
                assertEquals(camera.urls().get(0), porchTest.get("url").asText(), "the main profile's stream");
                HttpResponse<String> gone = call("DELETE", "/api/v1/cameras/porch", integrator, null, null);
                assertEquals("[\"ingest stopped\",\"detect-stream stopped\",\"analytics stopped\"]",
                        json(gone).get("applied").get("restarted").get("porch").toString());
                assertFalse(node.ingest().gateway().cameras().contains(porch));
                assertFalse(node.ingest().detectStreamHealth().containsKey(porch));
                await("porch unsubscribed", Duration.ofSeconds(20), () -> device.unsubscribes() >= 1);
                assertEquals(0, device.refusedLogins());

                String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.api().port()
                        + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(metrics.contains("vigil_config_changes_total{action=\"update\",subject=\"camera\"} 11.0"),
                        metrics);
                assertTrue(metrics.contains("vigil_config_rejected_total{reason=\"invalid\",subject=\"camera\"} 3.0"),
                        metrics);
                assertTrue(metrics.contains("vigil_config_rejected_total{reason=\"conflict\",subject=\"camera\"} 1.0"),
                        metrics);
            } finally {
                node.close();
            }

            // The catalog keeps what the API did, and wins over the file, at the next start.
            node = VigilNode.start(config(data, env), env, List.of());
            try {
                String viewer = token("viewer");
                JsonNode lab = json(call("GET", "/api/v1/sites/lab", viewer, null, null));
                assertEquals("api", lab.get("origin").asText());
                assertEquals(404, call("GET", "/api/v1/cameras/door", viewer, null, null).statusCode());
                assertEquals(2, json(call("GET", "/api/v1/sites", viewer, null, null)).get("sites").size());
                JsonNode yard = json(call("GET", "/api/v1/sites/yard", viewer, null, null));
                assertEquals("North yard gate", yard.get("config").get("name").asText(),
                        "the API's change stays although the file still says North yard");
                assertEquals("file", yard.get("origin").asText());
                assertEquals(2, yard.get("version").asInt());
            } finally {
                node.close();
            }
        } finally {
            root.detachAppender(log);
        }
        List<String> lines = log.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()))).toList();
        assertTrue(lines.size() > 50, "the log was captured: " + lines.size());
        assertTrue(lines.stream().anyMatch(l -> l.contains("camera door") || l.contains("door")), "door was logged");
        assertEquals(List.of(), lines.stream().filter(l -> l.contains(PASSWORD)).toList(), "the password in no log line");
        assertEquals(List.of(), answers.stream().filter(a -> a.contains(PASSWORD)).toList(), "nor in any answer");
    }
}
