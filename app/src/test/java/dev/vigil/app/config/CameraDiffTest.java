package dev.vigil.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.core.config.AnalyticsConfig;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.CredentialsConfig;
import dev.vigil.core.config.LineConfig;
import dev.vigil.core.config.LocationConfig;
import dev.vigil.core.config.OnvifConfig;
import dev.vigil.core.config.RecordConfig;
import dev.vigil.core.config.RuleConfig;
import dev.vigil.core.config.RuleKind;
import dev.vigil.core.model.AnalyticsMode;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.QuirkPolicy;
import dev.vigil.core.model.RecordMode;
import dev.vigil.core.model.Transport;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CameraDiffTest {
    private static final LineConfig MIDDLE = new LineConfig("middle", List.of(List.of(0.5, 0.0), List.of(0.5, 1.0)));

    /** A camera whose fields the tests change one at a time. */
    private record Door(String site, String name, CameraKind kind, String url, String detectUrl, Transport transport,
            CredentialsConfig credentials, LocationConfig location, RecordConfig record, String allowed,
            boolean rules, Boolean enabled, QuirkPolicy quirk, OnvifConfig onvif) {
        static Door of() {
            return new Door("yard", "Door", CameraKind.SECURITY, "rtsp://10.0.0.5/main", null, Transport.TCP,
                    new CredentialsConfig("viewer", "DOOR_PASSWORD"), new LocationConfig(21.0, 105.0, 90.0),
                    new RecordConfig(RecordMode.CONTINUOUS, 60, 5, null), null, true, true, QuirkPolicy.NONE, null);
        }

        CameraConfig config() {
            List<RuleConfig> r = rules ? List.of(new RuleConfig("cross", RuleKind.LINE_CROSSING, null, "middle", null,
                    allowed, null, null, null, null, null, null)) : List.of();
            return new CameraConfig("door", site, name, kind, onvif == null ? url : null, onvif == null ? detectUrl : null,
                    transport, credentials, location, record, new AnalyticsConfig(AnalyticsMode.FULL, 5, null, null,
                            null, null, List.of(MIDDLE), r, null), enabled, quirk, onvif);
        }
    }

    private static EnumSet<CameraPart> diff(Door a, Door b) {
        return CameraDiff.restarts(a.config(), b.config(), false);
    }

    private static final EnumSet<CameraPart> ALL = EnumSet.allOf(CameraPart.class);
    private static final EnumSet<CameraPart> NONE = EnumSet.noneOf(CameraPart.class);

    @Test
    void rulesZonesAndLinesRestartOnlyAnalytics() {
        Door d = Door.of();
        Door wrongWay = new Door(d.site(), d.name(), d.kind(), d.url(), d.detectUrl(), d.transport(), d.credentials(),
                d.location(), d.record(), "right-to-left", true, d.enabled(), d.quirk(), d.onvif());
        assertEquals(EnumSet.of(CameraPart.ANALYTICS), diff(d, wrongWay));
        assertEquals(NONE, diff(d, d));
    }

    @Test
    void theStreamRestartsEverythingItFeeds() {
        Door d = Door.of();
        Door moved = new Door(d.site(), d.name(), d.kind(), "rtsp://10.0.0.6/main", d.detectUrl(), d.transport(),
                d.credentials(), d.location(), d.record(), d.allowed(), true, d.enabled(), d.quirk(), d.onvif());
        assertEquals(ALL, diff(d, moved));
        Door udp = new Door(d.site(), d.name(), d.kind(), d.url(), d.detectUrl(), Transport.UDP, d.credentials(),
                d.location(), d.record(), d.allowed(), true, d.enabled(), d.quirk(), d.onvif());
        assertEquals(ALL, diff(d, udp));
        Door login = new Door(d.site(), d.name(), d.kind(), d.url(), d.detectUrl(), d.transport(),
                new CredentialsConfig("admin", "DOOR_PASSWORD"), d.location(), d.record(), d.allowed(), true,
                d.enabled(), d.quirk(), d.onvif());
        assertEquals(ALL, diff(d, login));
        Door quirk = new Door(d.site(), d.name(), d.kind(), d.url(), d.detectUrl(), d.transport(), d.credentials(),
                d.location(), d.record(), d.allowed(), true, d.enabled(), QuirkPolicy.OLD_LIVE555, d.onvif());
        assertEquals(ALL, diff(d, quirk));
    }

    @Test
    void recordingSettingsRestartOnlyRecording() {
        Door d = Door.of();
        Door events = new Door(d.site(), d.name(), d.kind(), d.url(), d.detectUrl(), d.transport(), d.credentials(),
                d.location(), new RecordConfig(RecordMode.EVENTS, 60, 5, null), d.allowed(), true, d.enabled(),
                d.quirk(), d.onvif());
        assertEquals(EnumSet.of(CameraPart.RECORDING), diff(d, events));
        Door there = new Door(d.site(), d.name(), d.kind(), d.url(), d.detectUrl(), d.transport(), d.credentials(),
                new LocationConfig(21.1, 105.0, 90.0), d.record(), d.allowed(), true, d.enabled(), d.quirk(), d.onvif());
        assertEquals(EnumSet.of(CameraPart.RECORDING), diff(d, there), "recordings carry the position");
        Door elsewhere = new Door("gate", d.name(), d.kind(), d.url(), d.detectUrl(), d.transport(), d.credentials(),
                d.location(), d.record(), d.allowed(), true, d.enabled(), d.quirk(), d.onvif());
        assertEquals(EnumSet.of(CameraPart.RECORDING, CameraPart.ANALYTICS), diff(d, elsewhere));
    }

    @Test
    void nameAndKindRestartNothing() {
        Door d = Door.of();
        Door renamed = new Door(d.site(), "Front door", CameraKind.TRAFFIC, d.url(), d.detectUrl(), d.transport(),
                d.credentials(), d.location(), d.record(), d.allowed(), true, d.enabled(), d.quirk(), d.onvif());
        assertEquals(NONE, diff(d, renamed));
    }

    @Test
    void detectStreamFollowsItsUrlAndWhetherAnalyticsRuns() {
        Door d = Door.of();
        Door sub = new Door(d.site(), d.name(), d.kind(), d.url(), "rtsp://10.0.0.5/sub", d.transport(), d.credentials(),
                d.location(), d.record(), d.allowed(), true, d.enabled(), d.quirk(), d.onvif());
        assertEquals(EnumSet.of(CameraPart.DETECT_STREAM, CameraPart.ANALYTICS), diff(d, sub));
        Door noRules = new Door(d.site(), d.name(), d.kind(), d.url(), "rtsp://10.0.0.5/sub", d.transport(),
                d.credentials(), d.location(), d.record(), d.allowed(), false, d.enabled(), d.quirk(), d.onvif());
        assertEquals(EnumSet.of(CameraPart.DETECT_STREAM, CameraPart.ANALYTICS), diff(sub, noRules),
                "no rules: the sub-stream is no longer needed");
    }

    @Test
    void createDeleteAndEnablingTouchEverything() {
        Door d = Door.of();
        Door off = new Door(d.site(), d.name(), d.kind(), d.url(), d.detectUrl(), d.transport(), d.credentials(),
                d.location(), d.record(), d.allowed(), true, false, d.quirk(), d.onvif());
        assertEquals(ALL, diff(d, off));
        assertEquals(ALL, CameraDiff.restarts(null, d.config(), false));
        assertEquals(ALL, CameraDiff.restarts(d.config(), null, false));
        Door onvif = new Door(d.site(), d.name(), d.kind(), d.url(), d.detectUrl(), d.transport(), d.credentials(),
                d.location(), d.record(), d.allowed(), true, d.enabled(), d.quirk(),
                new OnvifConfig("http://10.0.0.5/onvif/device_service", null));
        assertEquals(ALL, diff(d, onvif));
    }

    @Test
    void aNewTimeZoneRestartsAnalytics() {
        CameraConfig c = Door.of().config();
        assertEquals(EnumSet.of(CameraPart.ANALYTICS), CameraDiff.restarts(c, c, true));
    }
}
