package dev.vigil.core.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.NormalizedBox;
import dev.vigil.core.model.SiteId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The wire format of vigil.alerts.v1 against its JSON Schema and the examples in docs/schema. */
class AlertJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = AlertSchemas.load("vigil.alerts.v1.schema.json");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.200Z");

    static Alert sample() {
        return new Alert(TimeOrderedUuid.at(T0), AlertLifecycle.OPENED, AlertSeverity.WARNING,
                new AlertSite(SiteId.of("yard"), "North yard"),
                new AlertCamera(CameraId.of("gate-1"), "Yard gate", CameraKind.SECURITY),
                new GeoPoint(21.5943, 105.848, 90.0), new AlertRule("gate-zone", "zone_intrusion"), "person", 2, 0.83,
                List.of(new NormalizedBox(0.1, 0.2, 0.3, 0.4), new NormalizedBox(0.5, 0.5, 0.25, 0.5)), T0, null, T0,
                T0.plusMillis(31), new ObjectLink("snapshots/yard/gate-1/x.jpg", "/api/v1/alerts/x/snapshot"), null,
                "vigil-1");
    }

    @Test
    void encodedMessagesCarryExactlyTheIssuesFieldNamesAndMatchTheSchema() throws Exception {
        Alert opened = sample();
        String json = AlertJson.encode(opened);
        JsonNode o = JSON.readTree(json);
        Set<String> names = new TreeSet<>();
        o.fieldNames().forEachRemaining(names::add);
        assertEquals(new TreeSet<>(List.of("alertId", "lifecycle", "severity", "site", "camera", "location", "rule",
                "objectClass", "objectCount", "confidence", "boxes", "eventStart", "eventEnd", "detectedAt",
                "publishedAt", "snapshot", "clip", "node", "schemaVersion")), names);
        assertEquals("{\"x\":0.1,\"y\":0.2,\"w\":0.3,\"h\":0.4}", o.get("boxes").get(0).toString());
        assertEquals("security", o.get("camera").get("kind").asText());
        assertEquals("2026-03-01T10:00:00.200Z", o.get("eventStart").asText());
        assertEquals("2026-03-01T10:00:00.231Z", o.get("publishedAt").asText());
        assertTrue(o.get("eventEnd").isNull());
        assertTrue(o.get("clip").isNull());
        assertEquals(List.of(), AlertSchemas.problems(SCHEMA, json));

        Alert closed = opened.withClip(new ObjectLink("clips/yard/gate-1/c.mp4", "https://vigil.example/api/v1/alerts/"
                + opened.alertId() + "/clip")).withEventEnd(T0.plusSeconds(12))
                .next(AlertLifecycle.CLOSED, T0.plusSeconds(12), T0.plusSeconds(13));
        assertEquals(List.of(), AlertSchemas.problems(SCHEMA, AlertJson.encode(closed)));
        Alert health = AlertMapping.offline(new CameraProfile(opened.camera(), opened.site(), null), "vigil-1",
                TimeOrderedUuid.at(T0), T0, T0.plusSeconds(30), T0.plusSeconds(30));
        assertEquals(List.of(), AlertSchemas.problems(SCHEMA, AlertJson.encode(health)));
    }

    @Test
    void decodingReturnsTheEncodedAlert() {
        Alert a = sample();
        assertEquals(a, AlertJson.decode(AlertJson.encode(a)));
        Alert noLocation = new Alert(a.alertId(), AlertLifecycle.CLOSED, AlertSeverity.INFO, a.site(), a.camera(),
                new GeoPoint(1, 2, null), a.rule(), null, 0, null, List.of(), a.eventStart(), a.eventStart(),
                a.detectedAt(), a.publishedAt(), null, null, "n");
        assertEquals(noLocation, AlertJson.decode(AlertJson.encode(noLocation)));
    }

    @Test
    void theExamplesInTheRepositoryMatchTheSchemaAndDecode() throws Exception {
        List<Path> examples;
        try (Stream<Path> files = Files.list(AlertSchemas.DIR.resolve("examples"))) {
            examples = files.filter(f -> !f.getFileName().toString().startsWith("ack-")
                    && !f.getFileName().toString().startsWith("dlq-")).sorted().toList();
        }
        assertEquals(4, examples.size(), examples.toString());
        for (Path example : examples) {
            String json = Files.readString(example);
            assertEquals(List.of(), AlertSchemas.problems(SCHEMA, json), example.toString());
            Alert a = AlertJson.decode(json);
            assertEquals(7, a.alertId().version(), example.toString());
            assertEquals(JSON.readTree(json), JSON.readTree(AlertJson.encode(a)), example + " re-encodes the same");
        }
    }

    @Test
    void theSchemaRejectsWhatTheIssueRulesOut() throws Exception {
        ObjectNode good = (ObjectNode) JSON.readTree(AlertJson.encode(sample()));
        List<ObjectNode> bad = new ArrayList<>();
        bad.add(good.deepCopy().put("lifecycle", "RESOLVED"));
        bad.add(good.deepCopy().put("objectCount", -1));
        bad.add(good.deepCopy().put("eventStart", "2026-03-01 10:00:00"));
        bad.add(good.deepCopy().put("lifecycle", "CLOSED")); // CLOSED without eventEnd
        ObjectNode box = good.deepCopy();
        ((ObjectNode) box.get("boxes").get(0)).put("w", 1.5);
        bad.add(box);
        ObjectNode kind = good.deepCopy();
        ((ObjectNode) kind.get("camera")).put("kind", "parking");
        bad.add(kind);
        ObjectNode missing = good.deepCopy();
        missing.remove("node");
        bad.add(missing);
        for (ObjectNode b : bad) {
            assertFalse(AlertSchemas.problems(SCHEMA, b.toString()).isEmpty(), b.toString());
        }
    }

    @Test
    void decodingNamesTheBadField() {
        String good = AlertJson.encode(sample());
        VigilException e = assertThrows(VigilException.class, () -> AlertJson.decode(good.replace("\"OPENED\"",
                "\"GONE\"")));
        assertTrue(e.getMessage().startsWith("lifecycle:"), e.getMessage());
        e = assertThrows(VigilException.class, () -> AlertJson.decode(good.replace("\"1.0\"", "\"2.0\"")));
        assertTrue(e.getMessage().contains("schemaVersion"), e.getMessage());
        e = assertThrows(VigilException.class, () -> AlertJson.decode("{\"schemaVersion\":\"1.0\"}"));
        assertTrue(e.getMessage().contains("site"), e.getMessage());
        assertThrows(VigilException.class, () -> AlertJson.decode("[1,2]"));
        assertThrows(VigilException.class, () -> AlertJson.decode("{not json"));
        // Additive changes stay readable: an unknown field and a later minor version.
        Alert a = AlertJson.decode(good.replace("\"schemaVersion\":\"1.0\"", "\"schemaVersion\":\"1.7\",\"plate\":\"29A\""));
        assertNotNull(a);
        assertNull(a.clip());
    }

    @Test
    void timeOrderedIdsAreVersion7AndSortByTime() {
        java.util.UUID early = TimeOrderedUuid.at(T0);
        java.util.UUID late = TimeOrderedUuid.at(T0.plusMillis(1));
        assertEquals(7, early.version());
        assertEquals(2, early.variant());
        assertEquals(T0, TimeOrderedUuid.timeOf(early));
        assertTrue(early.toString().compareTo(late.toString()) < 0);
        assertTrue(Long.compareUnsigned(early.getMostSignificantBits(), late.getMostSignificantBits()) < 0);
    }
}
