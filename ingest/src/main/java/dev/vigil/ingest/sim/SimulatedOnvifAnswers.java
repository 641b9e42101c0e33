package dev.vigil.ingest.sim;

import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.DN;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.SOAP12;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.TDS;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.TER;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.TEV;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.TNS1;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.TR2;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.TRT;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.TT;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.WSA;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.WSA_2004;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.WSDD;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.WSNT;

import dev.vigil.ingest.onvif.soap.Xml;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The XML a simulated ONVIF device answers, written after the recorded answers of real cameras
 * (gSOAP-style, every namespace declared on the envelope). Pure string building.
 */
final class SimulatedOnvifAnswers {
    private SimulatedOnvifAnswers() {}

    /** One queued event. */
    record Event(String topic, String sourceName, String sourceValue, String dataName, String dataValue, Instant time) { }

    static String envelope(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"" + SOAP12
                + "\" xmlns:tt=\"" + TT + "\" xmlns:tds=\"" + TDS + "\" xmlns:trt=\"" + TRT + "\" xmlns:tr2=\"" + TR2
                + "\" xmlns:tev=\"" + TEV + "\" xmlns:wsnt=\"" + WSNT + "\" xmlns:wsa5=\"" + WSA + "\" xmlns:ter=\""
                + TER + "\" xmlns:tns1=\"" + TNS1 + "\"><SOAP-ENV:Body>" + body + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
    }

    static String fault(String subcode, String reason) {
        return envelope("<SOAP-ENV:Fault><SOAP-ENV:Code><SOAP-ENV:Value>SOAP-ENV:Sender</SOAP-ENV:Value>"
                + "<SOAP-ENV:Subcode><SOAP-ENV:Value>" + subcode + "</SOAP-ENV:Value></SOAP-ENV:Subcode></SOAP-ENV:Code>"
                + "<SOAP-ENV:Reason><SOAP-ENV:Text xml:lang=\"en\">" + Xml.escape(reason) + "</SOAP-ENV:Text>"
                + "</SOAP-ENV:Reason></SOAP-ENV:Fault>");
    }

    static String systemDateAndTime(Instant now) {
        ZonedDateTime t = now.atZone(ZoneOffset.UTC);
        return envelope("<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType>"
                + "<tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>UTC0</tt:TZ></tt:TimeZone>"
                + "<tt:UTCDateTime><tt:Time><tt:Hour>" + t.getHour() + "</tt:Hour><tt:Minute>" + t.getMinute()
                + "</tt:Minute><tt:Second>" + t.getSecond() + "</tt:Second></tt:Time><tt:Date><tt:Year>" + t.getYear()
                + "</tt:Year><tt:Month>" + t.getMonthValue() + "</tt:Month><tt:Day>" + t.getDayOfMonth()
                + "</tt:Day></tt:Date></tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>");
    }

    static String deviceInformation() {
        return envelope("<tds:GetDeviceInformationResponse><tds:Manufacturer>Vigil</tds:Manufacturer>"
                + "<tds:Model>Simulated ONVIF camera</tds:Model><tds:FirmwareVersion>1.0.0</tds:FirmwareVersion>"
                + "<tds:SerialNumber>SIM-0001</tds:SerialNumber><tds:HardwareId>vigil-sim</tds:HardwareId>"
                + "</tds:GetDeviceInformationResponse>");
    }

    static String services(String base, boolean media2) {
        StringBuilder b = new StringBuilder("<tds:GetServicesResponse>");
        service(b, TDS, base + "/onvif/device_service");
        service(b, TRT, base + "/onvif/media_service");
        if (media2) {
            service(b, TR2, base + "/onvif/media2_service");
        }
        service(b, TEV, base + "/onvif/events_service");
        return envelope(b.append("</tds:GetServicesResponse>").toString());
    }

    private static void service(StringBuilder b, String ns, String xaddr) {
        b.append("<tds:Service><tds:Namespace>").append(ns).append("</tds:Namespace><tds:XAddr>").append(xaddr)
                .append("</tds:XAddr><tds:Version><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tds:Version>")
                .append("</tds:Service>");
    }

    static String capabilities(String base) {
        return envelope("<tds:GetCapabilitiesResponse><tds:Capabilities><tt:Device><tt:XAddr>" + base
                + "/onvif/device_service</tt:XAddr></tt:Device><tt:Events><tt:XAddr>" + base
                + "/onvif/events_service</tt:XAddr><tt:WSPullPointSupport>true</tt:WSPullPointSupport></tt:Events>"
                + "<tt:Media><tt:XAddr>" + base + "/onvif/media_service</tt:XAddr></tt:Media>"
                + "</tds:Capabilities></tds:GetCapabilitiesResponse>");
    }

    static String profiles(List<SimulatedOnvifDevice.Profile> profiles, boolean media2) {
        String body = profiles.stream().map(p -> media2
                ? "<tr2:Profiles token=\"" + p.token() + "\" fixed=\"true\"><tr2:Name>" + p.name() + "</tr2:Name>"
                        + "<tr2:Configurations><tr2:VideoEncoder token=\"enc-" + p.token() + "\"><tt:Name>enc</tt:Name>"
                        + "<tt:UseCount>1</tt:UseCount><tt:Encoding>" + p.codec() + "</tt:Encoding>"
                        + "<tt:Resolution><tt:Width>" + p.width() + "</tt:Width><tt:Height>" + p.height()
                        + "</tt:Height></tt:Resolution></tr2:VideoEncoder></tr2:Configurations></tr2:Profiles>"
                : "<trt:Profiles token=\"" + p.token() + "\" fixed=\"true\"><tt:Name>" + p.name() + "</tt:Name>"
                        + "<tt:VideoEncoderConfiguration token=\"enc-" + p.token() + "\"><tt:Name>enc</tt:Name>"
                        + "<tt:UseCount>1</tt:UseCount><tt:Encoding>" + p.codec() + "</tt:Encoding>"
                        + "<tt:Resolution><tt:Width>" + p.width() + "</tt:Width><tt:Height>" + p.height()
                        + "</tt:Height></tt:Resolution></tt:VideoEncoderConfiguration></trt:Profiles>")
                .collect(Collectors.joining());
        String p = media2 ? "tr2" : "trt";
        return envelope("<" + p + ":GetProfilesResponse>" + body + "</" + p + ":GetProfilesResponse>");
    }

    static String mediaUri(String operation, URI uri, boolean media2) {
        String u = Xml.escape(uri.toString());
        if (media2) {
            return envelope("<tr2:" + operation + "Response><tr2:Uri>" + u + "</tr2:Uri></tr2:" + operation + "Response>");
        }
        return envelope("<trt:" + operation + "Response><trt:MediaUri><tt:Uri>" + u + "</tt:Uri>"
                + "<tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false"
                + "</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:" + operation + "Response>");
    }

    /** The namespace of the simulated device's subscription reference parameter. */
    static final String SIM_NS = "urn:vigil:simulated-onvif";

    /**
     * A subscription at {@code address}, told apart by a reference parameter
     * {@code sim:SubscriptionId} (as devices that serve every subscription at one address do).
     */
    static String subscription(String address, int id, Instant now, Instant termination) {
        return envelope("<tev:CreatePullPointSubscriptionResponse><tev:SubscriptionReference><wsa5:Address>" + address
                + "</wsa5:Address><wsa5:ReferenceParameters><sim:SubscriptionId xmlns:sim=\"" + SIM_NS + "\">" + id
                + "</sim:SubscriptionId></wsa5:ReferenceParameters></tev:SubscriptionReference>"
                + "<wsnt:CurrentTime>" + now + "</wsnt:CurrentTime>"
                + "<wsnt:TerminationTime>" + termination + "</wsnt:TerminationTime>"
                + "</tev:CreatePullPointSubscriptionResponse>");
    }

    static String renewed(Instant now, Instant termination) {
        return envelope("<wsnt:RenewResponse><wsnt:TerminationTime>" + termination + "</wsnt:TerminationTime>"
                + "<wsnt:CurrentTime>" + now + "</wsnt:CurrentTime></wsnt:RenewResponse>");
    }

    static String unsubscribed() {
        return envelope("<wsnt:UnsubscribeResponse/>");
    }

    static String pulled(Instant now, Instant termination, List<Event> events) {
        StringBuilder b = new StringBuilder("<tev:PullMessagesResponse><tev:CurrentTime>").append(now)
                .append("</tev:CurrentTime><tev:TerminationTime>").append(termination).append("</tev:TerminationTime>");
        for (Event e : events) {
            b.append("<wsnt:NotificationMessage><wsnt:Topic Dialect=\"http://www.onvif.org/ver10/tev/topicExpression/")
                    .append("ConcreteSet\">").append(Xml.escape(e.topic())).append("</wsnt:Topic><wsnt:Message>")
                    .append("<tt:Message UtcTime=\"").append(e.time()).append("\" PropertyOperation=\"Changed\">")
                    .append("<tt:Source><tt:SimpleItem Name=\"").append(Xml.escape(e.sourceName())).append("\" Value=\"")
                    .append(Xml.escape(e.sourceValue())).append("\"/></tt:Source><tt:Data><tt:SimpleItem Name=\"")
                    .append(Xml.escape(e.dataName())).append("\" Value=\"").append(Xml.escape(e.dataValue()))
                    .append("\"/></tt:Data></tt:Message></wsnt:Message></wsnt:NotificationMessage>");
        }
        return envelope(b.append("</tev:PullMessagesResponse>").toString());
    }

    /** A WS-Discovery ProbeMatches answering the probe {@code relatesTo}. */
    static String probeMatches(String relatesTo, String endpoint, List<URI> xaddrs, List<String> scopes) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope xmlns:SOAP-ENV=\"" + SOAP12
                + "\" xmlns:wsa=\"" + WSA_2004 + "\" xmlns:wsdd=\"" + WSDD + "\" xmlns:dn=\"" + DN + "\" xmlns:tds=\""
                + TDS + "\"><SOAP-ENV:Header><wsa:MessageID>urn:uuid:" + UUID.randomUUID() + "</wsa:MessageID>"
                + "<wsa:RelatesTo>" + Xml.escape(relatesTo) + "</wsa:RelatesTo><wsa:To>" + WSA_2004
                + "/role/anonymous</wsa:To><wsa:Action>" + WSDD + "/ProbeMatches</wsa:Action></SOAP-ENV:Header>"
                + "<SOAP-ENV:Body><wsdd:ProbeMatches><wsdd:ProbeMatch><wsa:EndpointReference><wsa:Address>" + endpoint
                + "</wsa:Address></wsa:EndpointReference><wsdd:Types>dn:NetworkVideoTransmitter tds:Device</wsdd:Types>"
                + "<wsdd:Scopes>" + Xml.escape(String.join(" ", scopes)) + "</wsdd:Scopes><wsdd:XAddrs>"
                + xaddrs.stream().map(URI::toString).collect(Collectors.joining(" "))
                + "</wsdd:XAddrs><wsdd:MetadataVersion>1</wsdd:MetadataVersion></wsdd:ProbeMatch></wsdd:ProbeMatches>"
                + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
    }
}
