package dev.vigil.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.AnalyticsMode;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.RecordMode;
import dev.vigil.core.model.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String SITE = "sites:\n  - id: yard\n    name: North yard\n    location: {lat: 21.5942, lon: 105.8482}\n";

    private static VigilConfig load(String yaml) {
        return new ConfigLoader(Map.of()).loadYaml(yaml, "test.yml");
    }

    private static ConfigException fails(String yaml, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> new ConfigLoader(env).loadYaml(yaml, "test.yml"));
    }

    @Test
    void defaultsWithoutFile() {
        VigilConfig c = new ConfigLoader(Map.of()).load();
        assertEquals("127.0.0.1", c.api().bind());
        assertEquals(8080, c.api().port());
        assertEquals(9000, c.objectStore().embedded().port());
        assertEquals(9092, c.kafka().embedded().port());
        assertTrue(c.objectStore().usesEmbedded());
        assertTrue(c.kafka().usesEmbedded());
        assertTrue(c.catalog().usesEmbedded());
        assertFalse(c.simulator().enabled());
        assertEquals(8654, c.simulator().port());
        assertTrue(c.cameras().isEmpty());
    }

    @Test
    void exampleFileAtTheRootParses() {
        Path example = Path.of("..", "vigil.example.yml");
        VigilConfig c = new ConfigLoader(Map.of()).load(example);
        assertEquals(1, c.sites().size());
        CameraConfig gate = c.cameras().get(0);
        assertEquals("gate-1", gate.id());
        assertEquals(CameraKind.SECURITY, gate.kind());
        assertEquals(Transport.AUTO, gate.transport());
        assertEquals(RecordMode.CONTINUOUS, gate.record().mode());
        assertEquals(AnalyticsMode.FULL, gate.analytics().mode());
        assertEquals(5, gate.analytics().fps());
        assertEquals(List.of(DetectorKind.HOG), gate.analytics().detectors());
        assertEquals(5, gate.analytics().rules().size());
        assertEquals(RuleKind.LINE_CROSSING, gate.analytics().rules().get(1).type());
        assertEquals("left-to-right", gate.analytics().rules().get(1).allowed());
        assertEquals("Asia/Ho_Chi_Minh", c.sites().get(0).timeZone());
        assertTrue(gate.analytics().active());
        assertEquals(90.0, gate.location().heading());
        assertEquals("GATE1_PASSWORD", gate.credentials().passwordEnv());
        assertNull(gate.onvif());
        CameraConfig onvif = c.cameras().get(1);
        assertNull(onvif.url());
        assertEquals("http://10.0.0.22/onvif/device_service", onvif.onvif().address());
        assertEquals("main", onvif.onvif().profile());
        // The example documents every default: loading it must equal loading nothing but the sites and cameras.
        VigilConfig defaults = VigilConfig.defaults();
        assertEquals(defaults.withSitesAndCameras(c.sites(), c.cameras()), c);
    }

    @Test
    void theStorageBudgetDefaultsToNoneAndComesFromFileOrEnvironment() {
        assertEquals(0L, load("").retention().budgetBytes());
        assertEquals(500_000_000_000L, load("retention: {budgetBytes: 500000000000}\n").retention().budgetBytes());
        VigilConfig fromEnv = new ConfigLoader(Map.of("VIGIL_RETENTION_BUDGET_BYTES", "1000")).loadYaml("", "test");
        assertEquals(1000L, fromEnv.retention().budgetBytes());
        assertTrue(fromEnv.retention().hasBudget());
        ConfigException e = fails("retention: {budgetBytes: -1}\n", Map.of());
        assertTrue(e.getMessage().contains("retention.budgetBytes"), e.getMessage());
    }

    @Test
    void exportsAreKeptThirtyDaysByDefaultZeroKeepsThemForeverAndOutOfRangeNamesTheKey() {
        assertEquals(30, load("").retention().exportDays());
        assertTrue(load("").retention().exportsExpire());
        assertEquals(0, load("retention: {exportDays: 0}\n").retention().exportDays());
        assertFalse(load("retention: {exportDays: 0}\n").retention().exportsExpire());
        assertEquals(36_500, load("retention: {exportDays: 36500}\n").retention().exportDays());
        assertEquals(7, new ConfigLoader(Map.of("VIGIL_RETENTION_EXPORT_DAYS", "7")).loadYaml("", "test")
                .retention().exportDays());
        for (String bad : List.of("-1", "36501")) {
            ConfigException e = fails("retention: {exportDays: " + bad + "}\n", Map.of());
            assertTrue(e.getMessage().contains("retention.exportDays: must be within 0..36500, was " + bad),
                    e.getMessage());
        }
        ConfigException e = fails("retention: {exportDays: soon}\n", Map.of());
        assertTrue(e.getMessage().contains("retention.exportDays"), e.getMessage());
    }

    @Test
    void cameraDefaultsApplyToMissingKeys() {
        VigilConfig c = load(SITE + "cameras:\n  - {id: cam, site: yard, url: rtsp://127.0.0.1/x}\n");
        CameraConfig cam = c.cameras().get(0);
        assertEquals("cam", cam.name());
        assertEquals(CameraKind.SECURITY, cam.kind());
        assertEquals(RecordMode.CONTINUOUS, cam.record().mode());
        assertEquals(60, cam.record().segmentSeconds());
        assertTrue(cam.enabled());
        assertNull(cam.credentials());
    }

    @Test
    void cameraNetworksDefaultToLoopbackAndPrivateRangesAndAreChecked() {
        assertEquals(dev.vigil.core.net.CameraNetworks.DEFAULTS, load("").api().cameraNetworks());
        assertEquals(List.of("10.20.0.0/16"), load("api:\n  cameraNetworks: [10.20.0.0/16]\n").api().cameraNetworks());
        ConfigException e = fails("api:\n  cameraNetworks: [10.20.0.0/16, 10.20.0.1/16, cams.local/24]\n", Map.of());
        assertEquals(List.of("api.cameraNetworks[1]: '10.20.0.1/16': 10.20.0.1/16 has host bits set; the block starts"
                + " at 10.20.0.0/16", "api.cameraNetworks[2]: 'cams.local/24' is not an IPv4 or IPv6 CIDR block"),
                e.problems());
    }

    @Test
    void eventsOnlyIsAnAliasOfEvents() {
        VigilConfig c = load(SITE + "cameras:\n  - {id: cam, site: yard, url: rtsp://h/x, record: {mode: events-only}}\n");
        assertEquals(RecordMode.EVENTS, c.cameras().get(0).record().mode());
    }

    @Test
    void unknownTopLevelKeyIsRejectedWithItsPath() {
        ConfigException e = fails("apii:\n  port: 1\n", Map.of());
        assertTrue(e.getMessage().contains("apii: unknown key"), e.getMessage());
    }

    @Test
    void unknownNestedKeyIsRejectedWithItsPath() {
        ConfigException e = fails("kafka:\n  embedded: {bind: 127.0.0.1, prot: 1}\n", Map.of());
        assertTrue(e.getMessage().contains("kafka.embedded.prot: unknown key"), e.getMessage());
    }

    @Test
    void unknownCameraKeyNamesTheCameraById() {
        ConfigException e = fails(SITE + "cameras:\n  - {id: gate-3, site: yard, url: rtsp://h/x, recrd: {}}\n", Map.of());
        assertTrue(e.getMessage().contains("cameras[gate-3].recrd: unknown key"), e.getMessage());
    }

    @Test
    void badEnumValueListsTheChoices() {
        ConfigException e = fails(SITE + "cameras:\n  - {id: gate-3, site: yard, url: rtsp://h/x, kind: trafic}\n", Map.of());
        assertTrue(e.getMessage().contains("cameras[gate-3].kind: 'trafic' is not one of traffic, security, quarantine"),
                e.getMessage());
    }

    @Test
    void wrongTypeNamesThePath() {
        ConfigException e = fails("api:\n  port: eighty\n", Map.of());
        assertTrue(e.getMessage().contains("api.port"), e.getMessage());
    }

    @Test
    void analyticsRulesAreCheckedWithTheirPaths() {
        ConfigException e = fails(SITE + """
                cameras:
                  - id: a
                    site: yard
                    url: rtsp://h/x
                    analytics:
                      detectors: [hog, onnx]
                      zones:
                        - {name: road, points: [[0, 0], [1, 0]]}
                        - {name: yard, points: [[0, 0], [1, 0], [1, 1.5]]}
                      lines: [{name: gate, points: [[0, 0], [1, 1]]}]
                      rules:
                        - {id: r1, type: intrusion, zone: nowhere}
                        - {id: r2, type: line-crossing, line: gate, allowed: sideways, dwellSeconds: 5}
                        - {id: r3, type: loitering, zone: road}
                        - {id: r3, type: tamper, causes: [stolen]}
                        - {id: r5, type: crowding, zone: road, minCount: 2, schedule: [{days: [funday], from: "25:00", to: "07:00"}]}
                """, Map.of());
        List<String> problems = e.problems();
        for (String expected : List.of(
                "cameras[a].analytics.onnx: required when 'onnx' is in the detectors: {model: FILE, labels: [...]}",
                "cameras[a].analytics.zones[road].points: needs 3 to 64 [x, y] points, had 2",
                "cameras[a].analytics.rules[r1].zone: no zone named 'nowhere' (known: road, yard)",
                "cameras[a].analytics.rules[r2].dwellSeconds: a line-crossing rule does not take it",
                "cameras[a].analytics.rules[r3].dwellSeconds: required",
                "cameras[a].analytics.rules[r3]: 'r3' is used twice",
                "cameras[a].analytics.rules[r5].schedule[0].days: 'funday' is not one of mon, tue, wed, thu, fri, sat, sun",
                "cameras[a].analytics.rules[r5].schedule[0].from: not a time of day HH:mm: '25:00'")) {
            assertTrue(problems.contains(expected), expected + " not in " + problems);
        }
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("cameras[a].analytics.zones[yard].points[2]: must be [x, y]")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("cameras[a].analytics.rules[r2].allowed: must be one of")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("cameras[a].analytics.rules[r3].causes: unknown cause 'stolen'")),
                problems.toString());
    }

    @Test
    void aSiteTimeZoneMustBeAnIanaName() {
        ConfigException e = fails("sites:\n  - {id: yard, timeZone: Mars/Olympus}\n", Map.of());
        assertTrue(e.problems().stream().anyMatch(s -> s.startsWith("sites[yard].timeZone: not a time zone")),
                e.problems().toString());
    }

    @Test
    void validationCollectsEveryProblemWithPaths() {
        ConfigException e = fails(SITE + """
                cameras:
                  - {id: a, site: nowhere, url: http://h/x}
                  - {id: a, site: yard, url: rtsp://h/x, location: {lat: 91, lon: 0}}
                  - {id: b, site: yard}
                """, Map.of());
        List<String> problems = e.problems();
        assertTrue(problems.contains("cameras[a].site: no site with id 'nowhere' (known: yard)"), problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("cameras[a].url: must be an rtsp://")), problems.toString());
        assertTrue(problems.contains("cameras[a].id: duplicate camera id 'a'"), problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("cameras[a].location.lat: required, within -90..90")),
                problems.toString());
        assertTrue(problems.contains("cameras[b].url: required (rtsp:// or rtsps://), or onvif: {address: http://...}"),
                problems.toString());
    }

    @Test
    void onvifCameraNeedsAnHttpAddressAndNoUrl() {
        ConfigException e = fails(SITE + """
                cameras:
                  - {id: a, site: yard, url: rtsp://h/x, onvif: {address: http://h/onvif/device_service}}
                  - {id: b, site: yard, onvif: {profile: main}}
                  - {id: c, site: yard, onvif: {address: 'rtsp://h/x'}}
                  - {id: d, site: yard, onvif: {address: 'http://admin:s3cret@h/onvif/device_service'}}
                  - {id: e, site: yard, detectUrl: rtsp://h/y, onvif: {address: http://h/onvif/device_service}}
                """, Map.of());
        List<String> problems = e.problems();
        assertTrue(problems.contains("cameras[a]: give either url or onvif, not both"), problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("cameras[b].onvif.address: required")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("cameras[c].onvif.address: must be an http://")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("cameras[d].onvif.address: must not carry")),
                problems.toString());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("cameras[e].detectUrl: not used with onvif")),
                problems.toString());
        assertEquals(5, problems.size(), problems.toString());
    }

    @Test
    void unknownOnvifKeyNamesTheCamera() {
        ConfigException e = fails(SITE + "cameras:\n  - {id: g, site: yard, onvif: {adress: http://h/x}}\n", Map.of());
        assertTrue(e.getMessage().contains("cameras[g].onvif.adress: unknown key"), e.getMessage());
    }

    @Test
    void credentialsInTheUrlAreRejectedWithoutEchoingThem() {
        ConfigException e = fails(SITE + "cameras:\n  - {id: c, site: yard, url: 'rtsp://admin:s3cret@10.0.0.5/x'}\n", Map.of());
        assertTrue(e.getMessage().contains("cameras[c].url: must not carry credentials"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertFalse(e.getMessage().contains("admin"), e.getMessage());
    }

    @Test
    void environmentOverridesTheFile() {
        VigilConfig c = new ConfigLoader(Map.of(
                "VIGIL_API_PORT", "9999",
                "VIGIL_KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092",
                "VIGIL_OBJECT_STORE_EMBEDDED_PORT", "9100",
                "VIGIL_SIMULATOR_ENABLED", "true",
                "PATH", "/usr/bin"))
                .loadYaml("api:\n  port: 8081\n", "test.yml");
        assertEquals(9999, c.api().port());
        assertEquals("k1:9092,k2:9092", c.kafka().bootstrapServers());
        assertFalse(c.kafka().usesEmbedded());
        assertEquals(9100, c.objectStore().embedded().port());
        assertTrue(c.simulator().enabled());
    }

    @Test
    void blankEnvironmentValueMeansDefault() {
        VigilConfig c = new ConfigLoader(Map.of("VIGIL_KAFKA_BOOTSTRAP_SERVERS", ""))
                .loadYaml("kafka:\n  bootstrapServers: k:9092\n", "t");
        assertTrue(c.kafka().usesEmbedded());
    }

    @Test
    void unknownVigilVariableIsAnError() {
        ConfigException e = fails("", Map.of("VIGIL_API_PROT", "1"));
        assertTrue(e.getMessage().startsWith("VIGIL_API_PROT: environment variable names no configuration key"),
                e.getMessage());
    }

    @Test
    void secretHolderVariablesAreNotConfigKeys() {
        VigilConfig c = new ConfigLoader(Map.of("VIGIL_GATE_PASSWORD", "x", "VIGIL_BOOTSTRAP_TOKEN", "t"))
                .loadYaml(SITE + "cameras:\n  - {id: c, site: yard, url: rtsp://h/x, "
                        + "credentials: {user: u, passwordEnv: VIGIL_GATE_PASSWORD}}\n", "t");
        assertEquals("x", c.cameras().get(0).credentials().password(Map.of("VIGIL_GATE_PASSWORD", "x")));
        assertFalse(c.cameras().get(0).credentials().toString().contains("x]"));
    }

    @Test
    void badEnvironmentValueIsReported() {
        ConfigException e = fails("", Map.of("VIGIL_API_PORT", "70000"));
        assertTrue(e.getMessage().contains("api.port: must be within 0..65535, was 70000"), e.getMessage());
    }

    @Test
    void simulatorMayNotTakeThePortOfRealServers() {
        ConfigException e = fails("simulator: {port: 8554}\n", Map.of());
        assertTrue(e.getMessage().contains("simulator.port: 8554 is left to real RTSP servers"), e.getMessage());
    }

    @Test
    void invalidYamlGivesTheLine() {
        ConfigException e = fails("api:\n  port: [1\n", Map.of());
        assertTrue(e.getMessage().startsWith("test.yml: not valid YAML at line"), e.getMessage());
    }

    @Test
    void yamlTagsDoNotConstructObjects() {
        ConfigException e = fails("api: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n",
                Map.of());
        assertTrue(e.getMessage().contains("api"), e.getMessage());
    }

    @Test
    void aliasBombIsRefused() {
        StringBuilder y = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (int i = 0; i < 8; i++) {
            char prev = (char) ('a' + i);
            char cur = (char) ('b' + i);
            y.append(cur).append(": &").append(cur).append(" [");
            for (int j = 0; j < 10; j++) {
                y.append(j == 0 ? "" : ",").append('*').append(prev);
            }
            y.append("]\n");
        }
        assertThrows(ConfigException.class, () -> load(y.toString()));
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThrows(ConfigException.class, () -> load("api:\n  port: 1\n  port: 2\n"));
    }

    @Test
    void topLevelMustBeAMapping() {
        ConfigException e = fails("- a\n- b\n", Map.of());
        assertTrue(e.getMessage().contains("the top level must be a mapping"), e.getMessage());
    }

    @Test
    void fileTooLargeOrMissing(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.yml");
        Files.writeString(big, "#" + "x".repeat(ConfigLoader.MAX_FILE_BYTES + 1));
        assertTrue(assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(big))
                .getMessage().contains("more than the limit"));
        assertTrue(assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(dir.resolve("none.yml")))
                .getMessage().endsWith("no such file"));
    }

    @Test
    void envNamesFollowThePath() {
        assertEquals("VIGIL_KAFKA_BOOTSTRAP_SERVERS", ConfigLoader.envName(List.of("kafka", "bootstrapServers")));
        assertEquals("VIGIL_OBJECT_STORE_EMBEDDED_PORT", ConfigLoader.envName(List.of("objectStore", "embedded", "port")));
    }
}
