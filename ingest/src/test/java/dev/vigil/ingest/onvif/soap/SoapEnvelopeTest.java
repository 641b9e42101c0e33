package dev.vigil.ingest.onvif.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ingest.onvif.OnvifException;
import dev.vigil.ingest.onvif.OnvifFailure;
import dev.vigil.ingest.onvif.OnvifFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SoapEnvelopeTest {
    private static final String NOT_AUTHORIZED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:ter="http://www.onvif.org/ver10/error">
            <env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value>
            <env:Subcode><env:Value>ter:NotAuthorized</env:Value></env:Subcode></env:Code>
            <env:Reason><env:Text xml:lang="en">Sender not Authorized</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>""";

    private static Document parse(String xml) {
        return SafeXml.parse(xml.strip().getBytes(StandardCharsets.UTF_8), "answer");
    }

    @Test
    void notAuthorizedFaultIsAnAuthenticationFailureQuirk42() {
        OnvifException e = assertThrows(OnvifException.class, () -> SoapEnvelope.body(parse(NOT_AUTHORIZED), "GetProfiles"));
        assertEquals(OnvifFailure.UNAUTHORIZED, e.failure());
        assertEquals("GetProfiles: login refused: Sender not Authorized (Sender / NotAuthorized)", e.getMessage());
    }

    @Test
    void recordedErrorFixtureIsMalformedAndSaysSo() {
        // Error.xml upstream has typographic quotes in its XML declaration and an unbound SOAP-ENV prefix.
        OnvifException e = assertThrows(OnvifException.class, () -> OnvifFixtures.doc("Error.xml"));
        assertEquals(OnvifFailure.PROTOCOL_ERROR, e.failure());
        assertTrue(e.getMessage().startsWith("Error.xml: not well-formed"), e.getMessage());
    }

    @Test
    void recordedErrorFixtureRepairedIsAFault() {
        String repaired = OnvifFixtures.text("Error.xml").replace("<?xml version=\u201d1.0\u201d ?>", "")
                .replace("xmlns:soapenv=", "xmlns:SOAP-ENV=");
        OnvifException e = assertThrows(OnvifException.class, () -> SoapEnvelope.body(parse(repaired), "call"));
        assertEquals(OnvifFailure.FAULT, e.failure());
        assertEquals("call: the device answered a fault: fault reason (fault code / fault subcode / fault subcode)",
                e.getMessage());
    }

    @Test
    void wrongEnvelopeNamespacesAreNotOnvif() {
        assertEquals(OnvifFailure.NOT_ONVIF, assertThrows(OnvifException.class, () -> SoapEnvelope.body(parse(
                "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><x/></s:Body></s:Envelope>"),
                "a")).failure());
        OnvifException e = assertThrows(OnvifException.class, () -> SoapEnvelope.body(parse(
                "<Envelope><Body><x/></Body></Envelope>"), "a"));
        assertEquals(OnvifFailure.NOT_ONVIF, e.failure());
        assertTrue(e.getMessage().contains("root element {}Envelope"), e.getMessage());
        assertEquals(OnvifFailure.PROTOCOL_ERROR, assertThrows(OnvifException.class, () -> SoapEnvelope.body(parse(
                "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body/></s:Envelope>"), "a"))
                .failure());
    }

    @Test
    void requestCarriesTokenAndAddressingAndParsesBack() {
        UsernameToken token = UsernameToken.create("admin", "pw", Instant.parse("2024-01-02T03:04:05.006Z"), new byte[16]);
        String xml = SoapEnvelope.request("<x:Op xmlns:x=\"urn:x\"/>", token,
                new SoapEnvelope.Addressing("urn:action", "http://h/pull?a=1&b=2", UUID.randomUUID()));
        Document d = parse(xml);
        assertEquals("Op", SoapEnvelope.body(d, "t").getLocalName());
        assertTrue(xml.contains("<wsu:Created>2024-01-02T03:04:05.006Z</wsu:Created>"), xml);
        assertTrue(xml.contains("http://h/pull?a=1&amp;b=2"), xml);
        assertFalse(xml.contains(">pw<"), xml);
    }

    @Test
    void passwordDigestMatchesTheOnvifProgrammersGuideExample() {
        byte[] nonce = java.util.Base64.getDecoder().decode("LKqI6G/AikKCQrN0zqZFlg==");
        assertEquals("tuOSpGlFlIXsozq4HFNeeGeFLEI=", UsernameToken.digest(nonce, "2010-09-16T07:50:45Z", "userpassword"));
        UsernameToken t = UsernameToken.create("u", "userpassword", Instant.EPOCH, nonce);
        assertFalse(t.toString().contains(t.digest()), t.toString());
    }

    @Test
    void faultSubcodesAreResolvedByNamespace() {
        SoapFault f = SoapFault.parse((org.w3c.dom.Element) parse(NOT_AUTHORIZED)
                .getElementsByTagNameNS(OnvifNamespaces.SOAP12, "Fault").item(0));
        assertEquals("{http://www.w3.org/2003/05/soap-envelope}Sender", f.code());
        assertEquals(List.of("{http://www.onvif.org/ver10/error}NotAuthorized"), f.subcodes());
        assertTrue(f.notAuthorized());
    }
}
