package dev.vigil.ingest.onvif.discovery;

import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.DN;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.SOAP12;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.WSA_2004;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.WSDD;

import dev.vigil.ingest.onvif.OnvifException;
import dev.vigil.ingest.onvif.OnvifFailure;
import dev.vigil.ingest.onvif.soap.SafeXml;
import dev.vigil.ingest.onvif.soap.SoapEnvelope;
import dev.vigil.ingest.onvif.soap.Xml;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * WS-Discovery (2005/04, as ONVIF Core section 7 uses it) Probe and ProbeMatches: pure, bytes in
 * and out. A Probe asks for type {@code dn:NetworkVideoTransmitter}; a ProbeMatches answer is read
 * namespace-aware and safely ({@link SafeXml}, at most {@value #MAX_DATAGRAM} bytes).
 */
public final class ProbeMessages {
    /** Largest datagram read: a UDP payload cannot be larger. */
    public static final int MAX_DATAGRAM = 65_507;
    /** The multicast group and port of WS-Discovery. */
    public static final String MULTICAST_GROUP = "239.255.255.250";
    public static final int PORT = 3702;
    private static final String SCOPE_PREFIX = "onvif://www.onvif.org/";

    private ProbeMessages() {}

    /** A Probe for network video transmitters, with {@code messageId} as its {@code wsa:MessageID}. */
    public static byte[] probe(UUID messageId) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xmlns:s=\"" + SOAP12 + "\" xmlns:a=\"" + WSA_2004 + "\" xmlns:d=\"" + WSDD
                + "\" xmlns:dn=\"" + DN + "\"><s:Header>"
                + "<a:Action s:mustUnderstand=\"1\">" + WSDD + "/Probe</a:Action>"
                + "<a:MessageID>urn:uuid:" + messageId + "</a:MessageID>"
                + "<a:ReplyTo><a:Address>" + WSA_2004 + "/role/anonymous</a:Address></a:ReplyTo>"
                + "<a:To s:mustUnderstand=\"1\">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>"
                + "</s:Header><s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body>"
                + "</s:Envelope>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code wsa:MessageID} of a Probe, or {@code null} when it is not a Probe (for responders). */
    public static String probeMessageId(byte[] datagram) {
        Document d = SafeXml.parse(datagram, MAX_DATAGRAM, "probe");
        Element body = SoapEnvelope.body(d, "probe");
        if (!Xml.is(body, WSDD, "Probe")) {
            return null;
        }
        return Xml.text(Xml.path(d.getDocumentElement(), SOAP12, "Header", WSA_2004, "MessageID"));
    }

    /**
     * The matches of a ProbeMatches datagram.
     *
     * @param relatesTo the MessageID of our probe ({@code urn:uuid:...}); answers to another probe
     *     are ignored (empty list), as are answers without RelatesTo when this is not {@code null}
     * @param from the sender, for {@link DiscoveredDevice#from()}
     * @throws OnvifException PROTOCOL_ERROR / NOT_ONVIF for unusable datagrams
     */
    public static List<DiscoveredDevice> matches(byte[] datagram, String relatesTo, String from) {
        Document d = SafeXml.parse(datagram, MAX_DATAGRAM, "WS-Discovery answer from " + from);
        Element body = SoapEnvelope.body(d, "WS-Discovery answer from " + from);
        if (!Xml.is(body, WSDD, "ProbeMatches")) {
            return List.of(); // Hello, Bye, a Probe of another client: not ours
        }
        String related = Xml.text(Xml.path(d.getDocumentElement(), SOAP12, "Header", WSA_2004, "RelatesTo"));
        if (relatesTo != null && !relatesTo.equals(related)) {
            return List.of();
        }
        List<DiscoveredDevice> out = new ArrayList<>();
        for (Element m : Xml.children(body, WSDD, "ProbeMatch")) {
            String endpoint = Xml.text(Xml.path(m, WSA_2004, "EndpointReference", WSA_2004, "Address"));
            if (endpoint == null || endpoint.isEmpty()) {
                continue;
            }
            List<URI> xaddrs = new ArrayList<>();
            for (String x : words(Xml.childText(m, WSDD, "XAddrs"))) {
                try {
                    URI u = new URI(x);
                    if (u.getHost() != null) {
                        xaddrs.add(u);
                    }
                } catch (URISyntaxException ignored) {
                    // vendors put odd things here; an unusable address is skipped
                }
            }
            List<String> scopes = words(Xml.childText(m, WSDD, "Scopes"));
            List<String> locations = scopeValues(scopes, "location/");
            out.add(new DiscoveredDevice(endpoint, xaddrs, scopes, first(scopeValues(scopes, "name/")),
                    String.join("; ", locations.stream().filter(s -> !s.isEmpty()).toList()),
                    first(scopeValues(scopes, "hardware/")), from));
        }
        return out;
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : List.of(s.strip().split("\\s+"));
    }

    private static List<String> scopeValues(List<String> scopes, String kind) {
        List<String> out = new ArrayList<>();
        for (String s : scopes) {
            if (s.startsWith(SCOPE_PREFIX + kind)) {
                String raw = s.substring(SCOPE_PREFIX.length() + kind.length());
                try {
                    out.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    out.add(raw); // a stray '%': shown as sent
                }
            }
        }
        return out;
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? "" : values.get(0);
    }
}
