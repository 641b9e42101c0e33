package dev.vigil.ingest.onvif.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.CameraEvent;
import dev.vigil.core.model.CameraEventKind;
import dev.vigil.core.model.CameraId;
import dev.vigil.ingest.onvif.OnvifFixtures;
import dev.vigil.ingest.onvif.soap.OnvifNamespaces;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** PullPoint answers: the agsh/onvif templates rendered with their placeholders filled. */
class EventMessagesTest {
    private static final CameraId CAM = CameraId.of("gate-1");
    private static final Map<String, String> PLACES = Map.of(
            "{{=it.hostname}}", "192.168.68.111", "{{=it.port}}", "80", "{{=it.pullPointUrl}}", "/onvif/subscription?Idx=7",
            "{{=new Date().toISOString()}}", "2015-05-14T13:57:50.230Z",
            "{{=new Date(Date.now()+5000).toISOString()}}", "2015-05-14T13:57:55.230Z",
            "{{? Math.random() < 0.5 }}", "", "{{?}}", "");

    @Test
    void recordedSubscription() {
        EventMessages.Subscription s = EventMessages.subscription(
                OnvifFixtures.render("events.CreatePullPointSubscription.xml", PLACES), "fixture");
        assertEquals(URI.create("http://192.168.68.111:80/onvif/subscription?Idx=7"), s.address());
        assertEquals(Duration.ofSeconds(5), s.lifetime());
    }

    /**
     * WS-Addressing reference parameters of the subscription reference (some devices serve every
     * subscription at one address) go back with every request, marked as reference parameters.
     */
    @Test
    void referenceParametersAreEchoedAsHeaders() throws Exception {
        String answer = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:tev=\""
                + "http://www.onvif.org/ver10/events/wsdl\" xmlns:wsa=\"http://www.w3.org/2005/08/addressing\" "
                + "xmlns:wsnt=\"http://docs.oasis-open.org/wsn/b-2\"><s:Body><tev:CreatePullPointSubscriptionResponse>"
                + "<tev:SubscriptionReference><wsa:Address>http://10.0.0.5/events</wsa:Address><wsa:ReferenceParameters>"
                + "<d:SubscriptionId xmlns:d=\"urn:vendor\" kind=\"pull\">4&amp;2</d:SubscriptionId>"
                + "<!-- a comment --></wsa:ReferenceParameters></tev:SubscriptionReference>"
                + "<wsnt:CurrentTime>2026-01-01T00:00:00Z</wsnt:CurrentTime>"
                + "<wsnt:TerminationTime>2026-01-01T00:01:00Z</wsnt:TerminationTime>"
                + "</tev:CreatePullPointSubscriptionResponse></s:Body></s:Envelope>";
        EventMessages.Subscription s = EventMessages.subscription(
                dev.vigil.ingest.onvif.soap.SafeXml.parse(answer.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "test"), "test");
        assertEquals("<rp:SubscriptionId xmlns:rp=\"urn:vendor\" xmlns:wsa=\"http://www.w3.org/2005/08/addressing\""
                + " wsa:IsReferenceParameter=\"true\" kind=\"pull\">4&amp;2</rp:SubscriptionId>",
                s.referenceParameters());
        assertEquals(s.referenceParameters(), s.at(URI.create("http://1.2.3.4/events")).referenceParameters());
        String request = dev.vigil.ingest.onvif.soap.SoapEnvelope.request(EventMessages.unsubscribe(), null,
                new dev.vigil.ingest.onvif.soap.SoapEnvelope.Addressing("urn:a", "http://10.0.0.5/events",
                        java.util.UUID.randomUUID(), s.referenceParameters()));
        org.w3c.dom.Document doc = dev.vigil.ingest.onvif.soap.SafeXml.parse(
                request.getBytes(java.nio.charset.StandardCharsets.UTF_8), "request");
        org.w3c.dom.Element id = (org.w3c.dom.Element) doc.getElementsByTagNameNS("urn:vendor", "SubscriptionId").item(0);
        assertEquals("4&2", id.getTextContent());
        assertEquals("true", id.getAttributeNS("http://www.w3.org/2005/08/addressing", "IsReferenceParameter"));
        assertEquals("Header", id.getParentNode().getLocalName());
    }

    @Test
    void recordedPullMessagesWithCellMotion() {
        EventMessages.Pulled p = EventMessages.pulled(OnvifFixtures.render("PullMessages.xml", PLACES), "fixture");
        assertEquals(Instant.parse("2000-01-03T04:04:02Z"), p.terminationTime());
        assertEquals(2, p.messages().size());
        Notification n = p.messages().get(0);
        assertEquals(OnvifNamespaces.TNS1, n.topicNamespace());
        assertEquals("RuleEngine/CellMotionDetector/Motion", n.topic());
        assertEquals(Map.of("IsMotion", "true"), n.data());
        assertEquals("000", n.source().get("Rule"));
        Optional<CameraEvent> e = EventTopics.event(CAM, n, Instant.EPOCH);
        assertTrue(e.isPresent());
        assertEquals(new CameraEvent(CAM, CameraEventKind.MOTION, true, Instant.parse("2015-05-14T13:57:50.230Z"),
                "tns1:RuleEngine/CellMotionDetector/Motion",
                "VideoSourceConfigurationToken=000,VideoAnalyticsConfigurationToken=000,Rule=000"), e.get());
    }

    @Test
    void recordedPullMessagesWithoutMessages() {
        Map<String, String> none = new java.util.HashMap<>(PLACES);
        none.put("{{? Math.random() < 0.5 }}", "<!--");
        none.put("{{?}}", "-->");
        assertEquals(0, EventMessages.pulled(OnvifFixtures.render("PullMessages.xml", none), "fixture").messages().size());
    }

    @Test
    void topicsAreMappedByNamespaceNotPrefix() {
        assertEquals(Optional.of(CameraEventKind.MOTION), EventTopics.kind(OnvifNamespaces.TNS1, "VideoSource/MotionAlarm"));
        assertEquals(Optional.of(CameraEventKind.TAMPER),
                EventTopics.kind(OnvifNamespaces.TNS1, "VideoSource/GlobalSceneChange/ImagingService"));
        assertEquals(Optional.of(CameraEventKind.TAMPER), EventTopics.kind(OnvifNamespaces.TNS1, "RuleEngine/TamperDetector/Tamper"));
        assertEquals(Optional.empty(), EventTopics.kind("http://www.axis.com/2009/event/topics", "VideoSource/MotionAlarm"));
        assertEquals(Optional.empty(), EventTopics.kind(OnvifNamespaces.TNS1, "Device/Trigger/DigitalInput"));
        Notification ended = new Notification(OnvifNamespaces.TNS1, "VideoSource/MotionAlarm", "tns1:VideoSource/MotionAlarm",
                null, "Changed", Map.of("Source", "vs1"), Map.of("State", "false"));
        CameraEvent e = EventTopics.event(CAM, ended, Instant.EPOCH).orElseThrow();
        assertFalse(e.active());
        assertEquals(Instant.EPOCH, e.time());
        Notification noState = new Notification(OnvifNamespaces.TNS1, "VideoSource/MotionAlarm", null, null, null,
                Map.of(), Map.of("A", "x", "B", "y"));
        assertEquals(Optional.empty(), EventTopics.event(CAM, noState, Instant.EPOCH));
    }

    @Test
    void requestsAreWellFormed() {
        assertTrue(EventMessages.createPullPointSubscription(Duration.ofSeconds(60)).contains("PT1M"));
        assertTrue(EventMessages.pullMessages(Duration.ofSeconds(5), 32).contains("<tev:MessageLimit>32</tev:MessageLimit>"));
        assertTrue(EventMessages.renew(Duration.ofSeconds(60)).contains("wsnt:Renew"));
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), EventMessages.time("2020-01-01T00:00:00"));
        assertEquals(null, EventMessages.time("yesterday"));
    }
}
