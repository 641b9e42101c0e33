package dev.vigil.core.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.config.AnalyticsConfig;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.CredentialsConfig;
import dev.vigil.core.config.LineConfig;
import dev.vigil.core.config.RuleConfig;
import dev.vigil.core.config.RuleKind;
import dev.vigil.core.config.ZoneConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AnalyticsMode;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.Transport;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {
    private static final ZoneConfig DOCK = new ZoneConfig("dock", List.of(List.of(0.0, 0.0), List.of(1.0, 0.0),
            List.of(1.0, 1.0)));
    private static final LineConfig MIDDLE = new LineConfig("middle", List.of(List.of(0.5, 0.0), List.of(0.5, 1.0)));

    private static RuleConfig crossing(String id, String allowed) {
        return new RuleConfig(id, RuleKind.LINE_CROSSING, null, "middle", List.of("motion"), allowed, null, null, null,
                null, null, null);
    }

    private static CameraConfig camera(String url, List<RuleConfig> rules) {
        AnalyticsConfig analytics = new AnalyticsConfig(AnalyticsMode.FULL, 5, null, null, null, List.of(DOCK),
                List.of(MIDDLE), rules, null);
        return new CameraConfig("door", "yard", "Door", CameraKind.SECURITY, url, null, Transport.TCP,
                new CredentialsConfig("viewer", "DOOR_PASSWORD"), null, null, analytics, true);
    }

    private static List<String> paths(List<FieldChange> changes) {
        return changes.stream().map(FieldChange::path).toList();
    }

    @Test
    void equalConfigsHaveNoChanges() {
        CameraConfig a = camera("rtsp://10.0.0.5/main", List.of(crossing("in", null)));
        assertEquals(List.of(), ConfigDiff.between(ConfigJson.tree(a), ConfigJson.tree(a)));
        assertEquals(List.of(), ConfigDiff.between(null, null));
    }

    @Test
    void changesAreNamedByKeyPathWithRulesByIdAndZonesByName() {
        CameraConfig before = camera("rtsp://10.0.0.5/main", List.of(crossing("in", null), crossing("out", null)));
        CameraConfig after = camera("rtsp://10.0.0.6/main", List.of(crossing("out", null), crossing("in",
                "left-to-right"), crossing("new", null)));
        List<FieldChange> changes = ConfigDiff.between(ConfigJson.tree(before), ConfigJson.tree(after));
        assertEquals(List.of("url", "analytics.rules[in].allowed", "analytics.rules[new]"), paths(changes),
                "moving a rule is no change");
        assertEquals("rtsp://10.0.0.5/main", changes.get(0).before().asText());
        assertNull(changes.get(1).before());
        assertEquals("left-to-right", changes.get(1).after().asText());
        assertNull(changes.get(2).before());
        assertEquals("new", changes.get(2).after().get("id").asText());
    }

    @Test
    void removedItemsAndWholeListsOfValues() {
        CameraConfig before = camera("rtsp://10.0.0.5/main", List.of(crossing("in", null), crossing("out", null)));
        AnalyticsConfig a = before.analytics();
        CameraConfig after = new CameraConfig("door", "yard", "Door", CameraKind.SECURITY, before.url(), null,
                Transport.TCP, before.credentials(), null, null, new AnalyticsConfig(a.mode(), a.fps(),
                        List.of(dev.vigil.core.config.DetectorKind.MOTION), null, null, List.of(new ZoneConfig("dock",
                                List.of(List.of(0.0, 0.0), List.of(0.9, 0.0), List.of(1.0, 1.0)))), a.lines(),
                        List.of(crossing("in", null)), null), true);
        List<FieldChange> changes = ConfigDiff.between(ConfigJson.tree(before), ConfigJson.tree(after));
        assertEquals(List.of("analytics.detectors", "analytics.zones[dock].points", "analytics.rules[out]"),
                paths(changes));
        assertNull(changes.get(2).after());
        assertEquals("[\"hog\"]", changes.get(0).before().toString());
    }

    @Test
    void createAndDeleteAreOneChangeOfTheWhole() {
        JsonNode tree = ConfigJson.tree(camera("rtsp://10.0.0.5/main", List.of()));
        List<FieldChange> created = ConfigDiff.between(null, tree);
        assertEquals(1, created.size());
        assertEquals("", created.get(0).path());
        assertEquals(tree, created.get(0).after());
        assertEquals(tree, ConfigDiff.between(tree, null).get(0).before());
    }

    @Test
    void canonicalJsonRoundTripsAndHoldsNoPassword() {
        CameraConfig c = camera("rtsp://10.0.0.5/main", List.of(crossing("in", "right-to-left")));
        String json = ConfigJson.write(c);
        assertEquals(c, ConfigJson.read(json, CameraConfig.class));
        assertTrue(json.contains("\"credentials\":{\"user\":\"viewer\",\"passwordEnv\":\"DOOR_PASSWORD\"}"), json);
        assertTrue(json.contains("\"type\":\"line-crossing\""), json);
        assertTrue(!json.contains("null"), "nulls are left out: " + json);
        VigilException damaged = assertThrows(VigilException.class,
                () -> ConfigJson.read("{\"id\":\"door\",\"colour\":1}", CameraConfig.class));
        assertEquals(ErrorKind.DATA_LOSS, damaged.kind());
    }
}
