package dev.vigil.ingest.onvif.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ingest.onvif.OnvifException;
import dev.vigil.ingest.onvif.OnvifFailure;
import dev.vigil.ingest.onvif.OnvifFixtures;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** WS-Discovery on the ProbeMatches recorded from an "HD_PREDATOR" camera (agsh/onvif Probe.xml). */
class ProbeMessagesTest {
    private static final String RELATES = "urn:uuid:11111111-2222-3333-4444-555555555555";

    private static byte[] recorded(String xaddrs) {
        return OnvifFixtures.text("Probe.xml").replace("RELATES_TO", RELATES).replace("SERVICE_URI", xaddrs)
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void recordedProbeMatch() {
        List<DiscoveredDevice> d = ProbeMessages.matches(recorded("http://192.168.68.111/onvif/device_service "
                + "http://[fe80::1]/onvif/device_service"), RELATES, "192.168.68.111:3702");
        assertEquals(1, d.size());
        DiscoveredDevice cam = d.get(0);
        assertEquals("uuid:c9790c3a-701b-464d-a189-0060351c8ada", cam.endpoint());
        assertEquals(List.of(URI.create("http://192.168.68.111/onvif/device_service"),
                URI.create("http://[fe80::1]/onvif/device_service")), cam.xaddrs());
        assertEquals("PREDATOR", cam.name());
        assertEquals("HD_PREDATOR", cam.hardware());
        assertEquals("", cam.location());
        assertEquals(7, cam.scopes().size());
    }

    @Test
    void answersToAnotherProbeAreIgnored() {
        assertEquals(List.of(), ProbeMessages.matches(recorded("http://h/x"), "urn:uuid:other", "h"));
    }

    @Test
    void probeAsksForVideoTransmittersAndCarriesItsId() {
        UUID id = UUID.randomUUID();
        byte[] probe = ProbeMessages.probe(id);
        assertEquals("urn:uuid:" + id, ProbeMessages.probeMessageId(probe));
        assertTrue(new String(probe, StandardCharsets.UTF_8).contains("dn:NetworkVideoTransmitter"));
    }

    @Test
    void encodedScopesAreDecodedAndDuplicatesMerged() {
        String xml = new String(recorded("http://10.0.0.5/onvif/device_service"), StandardCharsets.UTF_8)
                .replace("onvif://www.onvif.org/name/PREDATOR", "onvif://www.onvif.org/name/Gate%20North")
                .replace("onvif://www.onvif.org/location/", "onvif://www.onvif.org/location/city/Hanoi");
        DiscoveredDevice a = ProbeMessages.matches(xml.getBytes(StandardCharsets.UTF_8), RELATES, "x").get(0);
        assertEquals("Gate North", a.name());
        assertEquals("city/Hanoi", a.location());
        DiscoveredDevice b = new DiscoveredDevice(a.endpoint(), List.of(URI.create("http://10.0.0.6/onvif/device_service")),
                List.of(), "", "", "", "y");
        assertEquals(2, a.merge(b).xaddrs().size());
        assertEquals(1, a.merge(a).xaddrs().size());
    }

    @Test
    void hostileDatagramsAreClearErrors() {
        String xxe = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";
        OnvifException e = assertThrows(OnvifException.class,
                () -> ProbeMessages.matches(xxe.getBytes(StandardCharsets.UTF_8), RELATES, "evil"));
        assertEquals(OnvifFailure.PROTOCOL_ERROR, e.failure());
        assertTrue(e.getMessage().startsWith("WS-Discovery answer from evil"), e.getMessage());
        assertEquals(OnvifFailure.NOT_ONVIF, assertThrows(OnvifException.class,
                () -> ProbeMessages.matches("<html/>".getBytes(StandardCharsets.UTF_8), RELATES, "x")).failure());
    }
}
