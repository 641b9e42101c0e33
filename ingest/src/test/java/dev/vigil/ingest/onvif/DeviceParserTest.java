package dev.vigil.ingest.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Device service answers recorded from real cameras (agsh/onvif fixtures). */
class DeviceParserTest {
    private static final URI REACHED = URI.create("http://127.0.0.1:8080/onvif/device_service");

    @Test
    void systemDateAndTimeIsReadAsUtc() {
        assertEquals(Instant.parse("2014-12-24T19:14:37Z"),
                DeviceParser.systemDateAndTime(OnvifFixtures.doc("GetSystemDateAndTime.xml"), "fixture"));
    }

    @Test
    void deviceInformation() {
        DeviceInformation d = DeviceParser.deviceInformation(OnvifFixtures.doc("GetDeviceInformation.xml"), "fixture");
        assertEquals(new DeviceInformation("Mockup Manufacturer", "Mockup Model", "Mockup_15_14_13", "00000000",
                "MOCKUP"), d);
    }

    @Test
    void servicesFromGetServices() {
        ServiceAddresses s = DeviceParser.services(OnvifFixtures.doc("GetServices.xml"), REACHED, "fixture");
        URI lan = URI.create("http://192.168.68.111/onvif/services");
        assertEquals(new ServiceAddresses(lan, lan, null, lan), s);
    }

    @Test
    void servicesFromGetCapabilities() {
        ServiceAddresses s = DeviceParser.capabilities(OnvifFixtures.doc("GetCapabilities.xml"), REACHED, "fixture");
        URI lan = URI.create("http://192.168.68.111/onvif/services");
        assertEquals(new ServiceAddresses(lan, lan, null, lan), s);
    }

    @Test
    void lanAddressesAreRewrittenToTheReachedOneQuirk43() {
        ServiceAddresses s = DeviceParser.services(OnvifFixtures.doc("GetServices.xml"), REACHED, "fixture")
                .map(new AddressRewrite(AddressRewrite.Policy.AUTO, REACHED)::service);
        assertEquals(URI.create("http://127.0.0.1:8080/onvif/services"), s.media());
        ServiceAddresses kept = DeviceParser.services(OnvifFixtures.doc("GetServices.xml"), REACHED, "fixture")
                .map(new AddressRewrite(AddressRewrite.Policy.OFF, REACHED)::service);
        assertEquals(URI.create("http://192.168.68.111/onvif/services"), kept.media());
    }

    @Test
    void anotherOperationsAnswerIsAClearProtocolError() {
        OnvifException e = assertThrows(OnvifException.class,
                () -> DeviceParser.deviceInformation(OnvifFixtures.doc("GetSystemDateAndTime.xml"), "fixture"));
        assertEquals(OnvifFailure.PROTOCOL_ERROR, e.failure());
        assertTrue(e.getMessage().contains("expected {http://www.onvif.org/ver10/device/wsdl}GetDeviceInformationResponse"
                + ", got {http://www.onvif.org/ver10/device/wsdl}GetSystemDateAndTimeResponse"), e.getMessage());
    }

    @Test
    void emptyFieldsAreEmptyStrings() {
        DeviceInformation d = new DeviceInformation(null, "m", null, null, null);
        assertEquals("", d.manufacturer());
        assertNull(DeviceParser.uri("not a uri at all"));
    }
}
