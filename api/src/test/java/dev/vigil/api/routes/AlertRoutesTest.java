package dev.vigil.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.ApiFixture;
import dev.vigil.api.FakeNodeStatus;
import dev.vigil.api.MemoryAlertReview;
import dev.vigil.core.access.Role;
import dev.vigil.core.alert.AlertSeverity;
import dev.vigil.core.config.ApiLimitsConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The alert routes over alerts in memory: paging, scope, actions and their conflicts, the stream. */
class AlertRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-03-01T14:00:00Z");

    @Test
    void pagesCoverEveryAlertOnceNewestFirstWithinTheTokensSites() throws Exception {
        MemoryAlertReview alerts = new MemoryAlertReview();
        try (ApiFixture api = ApiFixture.standard(ApiLimitsConfig.defaults(), c -> Optional.empty(),
                new FakeNodeStatus(), f -> alerts.routes(f.audit))) {
            Set<String> yard = new HashSet<>();
            for (int i = 0; i < 23; i++) {
                Instant start = T0.plusSeconds(i / 2); // pairs share a start: the id breaks the tie
                yard.add(alerts.add("yard", "cam-1", "zone_intrusion", AlertSeverity.WARNING, start).toString());
                alerts.add("dock", "cam-9", "loitering", AlertSeverity.INFO, start);
            }
            String viewer = api.token(Role.VIEWER, "yard");
            List<String> seen = new ArrayList<>();
            String cursor = null;
            Instant previous = Instant.MAX;
            do {
                HttpResponse<String> r = api.get("/api/v1/alerts?limit=5" + (cursor == null ? "" : "&cursor=" + cursor),
                        viewer);
                assertEquals(200, r.statusCode(), r.body());
                JsonNode page = JSON.readTree(r.body());
                for (JsonNode item : page.get("items")) {
                    seen.add(item.get("id").asText());
                    assertEquals("yard", item.get("site").asText());
                    Instant start = Instant.parse(item.get("eventStart").asText());
                    assertTrue(!start.isAfter(previous), "newest first");
                    previous = start;
                    if (seen.size() == 3) { // an alert raised while paging shifts nothing
                        alerts.add("yard", "cam-1", "zone_intrusion", AlertSeverity.WARNING, T0.plusSeconds(3600));
                    }
                }
                cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            } while (cursor != null);
            assertEquals(23, seen.size(), "each once");
            assertEquals(yard, new HashSet<>(seen));

            HttpResponse<String> dock = api.get("/api/v1/alerts?site=dock", viewer);
            assertEquals("[]", JSON.readTree(dock.body()).get("items").toString(), "another site's alerts are not listed");
            String other = JSON.readTree(api.get("/api/v1/alerts?limit=1", api.token(Role.VIEWER, "dock")).body())
                    .get("items").get(0).get("id").asText();
            assertEquals(404, api.get("/api/v1/alerts/" + other, viewer).statusCode(), "out of scope is absent");
            JsonNode filtered = JSON.readTree(api.get("/api/v1/alerts?severity=info&kind=loitering&limit=500",
                    api.token(Role.ADMIN, null)).body());
            assertEquals(23, filtered.get("items").size());
        }
    }

    @Test
    void actionsFollowTheStatesAndConflictsAre409() throws Exception {
        MemoryAlertReview alerts = new MemoryAlertReview();
        UUID id = alerts.add("yard", "cam-1", "zone_intrusion", AlertSeverity.CRITICAL, T0);
        try (ApiFixture api = ApiFixture.standard(ApiLimitsConfig.defaults(), c -> Optional.empty(),
                new FakeNodeStatus(), f -> alerts.routes(f.audit))) {
            String operator = api.token(Role.OPERATOR, "yard");
            String base = "/api/v1/alerts/" + id;
            HttpResponse<String> ack = api.send("POST", base + "/acknowledge", operator, "application/json",
                    "{\"note\":\"on it\"}");
            assertEquals(200, ack.statusCode(), ack.body());
            assertEquals("acknowledged", JSON.readTree(ack.body()).get("state").asText());
            HttpResponse<String> again = api.send("POST", base + "/acknowledge", operator, null, null);
            assertEquals(409, again.statusCode(), again.body());
            assertTrue(again.body().contains("cannot acknowledge an alert that is acknowledged"), again.body());
            assertEquals(200, api.send("POST", base + "/escalate", operator, null, null).statusCode());
            assertEquals(200, api.send("POST", base + "/dismiss", operator, null, null).statusCode());
            assertEquals(409, api.send("POST", base + "/escalate", operator, null, null).statusCode(), "dismissed is final");
            assertEquals(403, api.send("POST", base + "/dismiss", api.token(Role.VIEWER, null), null, null).statusCode());
            assertEquals(404, api.send("POST", base + "/dismiss", api.token(Role.OPERATOR, "dock"), null, null)
                    .statusCode(), "another site's alert is absent");
            JsonNode detail = JSON.readTree(api.get(base, operator).body());
            assertEquals("dismissed", detail.get("state").get("state").asText());
            assertEquals(3, detail.get("actions").size());
            assertEquals("on it", detail.get("actions").get(0).get("note").asText());
            assertTrue(detail.get("actions").get(0).get("origin").asText().startsWith("api:"));
            assertEquals(base + "/snapshot", detail.get("snapshot").asText());
            assertTrue(detail.get("clip").isNull());
            HttpResponse<byte[]> jpeg = api.http.send(HttpRequest.newBuilder(api.uri(base + "/snapshot?access_token="
                    + operator)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, jpeg.statusCode());
            assertEquals("image/jpeg", jpeg.headers().firstValue("Content-Type").orElse(""));
            assertTrue(java.util.Arrays.equals(alerts.jpeg, jpeg.body()));
            assertEquals(404, api.get(base + "/clip", operator).statusCode());
        }
    }

    @Test
    void theStreamSendsNewAlertsOfItsFilterAndResumesFromLastEventId() throws Exception {
        MemoryAlertReview alerts = new MemoryAlertReview();
        try (ApiFixture api = ApiFixture.standard(ApiLimitsConfig.defaults(), c -> Optional.empty(),
                new FakeNodeStatus(), f -> alerts.routes(f.audit))) {
            String viewer = api.token(Role.VIEWER, "yard");
            HttpResponse<java.io.InputStream> r = api.http.send(HttpRequest.newBuilder(api.uri(
                    "/api/v1/alerts/stream?severity=critical")).header("Authorization", "Bearer " + viewer)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            UUID critical;
            String lastId;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                assertEquals("retry: 3000", in.readLine());
                Thread.sleep(300); // the poller has read the head
                alerts.add("yard", "cam-1", "zone_intrusion", AlertSeverity.INFO, T0);
                alerts.add("dock", "cam-9", "zone_intrusion", AlertSeverity.CRITICAL, T0);
                critical = alerts.add("yard", "cam-1", "zone_intrusion", AlertSeverity.CRITICAL, T0);
                List<String> event = nextEvent(in);
                lastId = event.get(0).substring(4);
                assertEquals("event: alert", event.get(1));
                JsonNode data = JSON.readTree(event.get(2).substring(6));
                assertEquals(critical.toString(), data.get("alert").get("id").asText(), "only its filter and sites");
            }
            alerts.act(critical, dev.vigil.core.alert.AlertAction.ESCALATE, "op", null, "test/1", T0);
            HttpResponse<java.io.InputStream> resumed = api.http.send(HttpRequest.newBuilder(api.uri(
                    "/api/v1/alerts/stream?severity=critical")).header("Authorization", "Bearer " + viewer)
                    .header("Last-Event-ID", lastId).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader in = new BufferedReader(new InputStreamReader(resumed.body(), StandardCharsets.UTF_8))) {
                List<String> event = nextEvent(in);
                assertEquals("event: action", event.get(1), "missed while away: " + event);
                assertEquals("escalated", JSON.readTree(event.get(2).substring(6)).get("alert").get("state").asText());
            }
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
