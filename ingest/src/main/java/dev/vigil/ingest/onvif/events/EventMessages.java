package dev.vigil.ingest.onvif.events;

import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.TEV;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.TT;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.WSA;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.WSNT;

import dev.vigil.ingest.onvif.OnvifException;
import dev.vigil.ingest.onvif.OnvifFailure;
import dev.vigil.ingest.onvif.soap.SoapEnvelope;
import dev.vigil.ingest.onvif.soap.Xml;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Requests to and answers of the ONVIF event service's PullPoint interface (ONVIF Core section
 * 9.1, WS-BaseNotification 1.3): CreatePullPointSubscription, PullMessages, Renew, Unsubscribe.
 * Pure: strings and DOM in, records or {@link OnvifException} out.
 */
public final class EventMessages {
    private EventMessages() {}

    public static final String CREATE_ACTION = TEV + "/EventPortType/CreatePullPointSubscriptionRequest";
    public static final String PULL_ACTION = TEV + "/PullPointSubscription/PullMessagesRequest";
    public static final String RENEW_ACTION = "http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/RenewRequest";
    public static final String UNSUBSCRIBE_ACTION =
            "http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/UnsubscribeRequest";

    /** A subscription as the device answered it; times are the device's. */
    /**
     * A subscription as the device answered it.
     *
     * @param referenceParameters the subscription reference's {@code wsa:ReferenceParameters},
     *     written as header elements to send back with every request to it (some vendors route by
     *     them); empty for none
     */
    public record Subscription(URI address, Instant currentTime, Instant terminationTime, String referenceParameters) {
        public Subscription {
            referenceParameters = referenceParameters == null ? "" : referenceParameters;
        }

        /** This subscription at another address (quirk 43 rewriting), everything else kept. */
        public Subscription at(URI newAddress) {
            return new Subscription(newAddress, currentTime, terminationTime, referenceParameters);
        }

        /** How long the device will keep it without a renewal, measured on the device's clock. */
        public Duration lifetime() {
            if (terminationTime == null) {
                return Duration.ZERO;
            }
            return Duration.between(currentTime != null ? currentTime : terminationTime, terminationTime);
        }
    }

    /** The messages of one PullMessages answer and the device's times. */
    public record Pulled(Instant currentTime, Instant terminationTime, List<Notification> messages) {
        public Pulled {
            messages = List.copyOf(messages);
        }
    }

    public static String createPullPointSubscription(Duration initialTermination) {
        return "<tev:CreatePullPointSubscription xmlns:tev=\"" + TEV + "\"><tev:InitialTerminationTime>"
                + initialTermination + "</tev:InitialTerminationTime></tev:CreatePullPointSubscription>";
    }

    public static String pullMessages(Duration timeout, int limit) {
        return "<tev:PullMessages xmlns:tev=\"" + TEV + "\"><tev:Timeout>" + timeout + "</tev:Timeout>"
                + "<tev:MessageLimit>" + limit + "</tev:MessageLimit></tev:PullMessages>";
    }

    public static String renew(Duration termination) {
        return "<wsnt:Renew xmlns:wsnt=\"" + WSNT + "\"><wsnt:TerminationTime>" + termination
                + "</wsnt:TerminationTime></wsnt:Renew>";
    }

    public static String unsubscribe() {
        return "<wsnt:Unsubscribe xmlns:wsnt=\"" + WSNT + "\"/>";
    }

    public static Subscription subscription(Document doc, String what) {
        Element r = SoapEnvelope.expect(doc, TEV, "CreatePullPointSubscriptionResponse", what);
        String address = Xml.text(Xml.path(r, TEV, "SubscriptionReference", WSA, "Address"));
        if (address == null || address.isEmpty()) {
            throw new OnvifException(OnvifFailure.PROTOCOL_ERROR, what + ": no SubscriptionReference/Address");
        }
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new OnvifException(OnvifFailure.PROTOCOL_ERROR, what + ": subscription address is not a URI: "
                    + e.getReason());
        }
        if (uri.getHost() == null) {
            throw new OnvifException(OnvifFailure.PROTOCOL_ERROR, what + ": subscription address has no host");
        }
        return new Subscription(uri, time(Xml.childText(r, WSNT, "CurrentTime")),
                time(Xml.childText(r, WSNT, "TerminationTime")),
                referenceParameters(Xml.path(r, TEV, "SubscriptionReference", WSA, "ReferenceParameters")));
    }

    /** The new termination time of a RenewResponse, with the device's current time. */
    public static Subscription renewed(Document doc, Subscription current, String what) {
        Element r = SoapEnvelope.expect(doc, WSNT, "RenewResponse", what);
        return new Subscription(current.address(), time(Xml.childText(r, WSNT, "CurrentTime")),
                time(Xml.childText(r, WSNT, "TerminationTime")), current.referenceParameters());
    }

    public static Pulled pulled(Document doc, String what) {
        Element r = SoapEnvelope.expect(doc, TEV, "PullMessagesResponse", what);
        List<Notification> out = new ArrayList<>();
        for (Element m : Xml.children(r, WSNT, "NotificationMessage")) {
            Element topic = Xml.child(m, WSNT, "Topic");
            String expression = Xml.text(topic);
            if (expression == null || expression.isEmpty()) {
                continue; // a message without a topic cannot be classified
            }
            int colon = expression.indexOf(':');
            String prefix = colon < 0 ? null : expression.substring(0, colon);
            String ns = topic.lookupNamespaceURI(prefix);
            Element message = Xml.path(m, WSNT, "Message", TT, "Message");
            out.add(new Notification(ns, colon < 0 ? expression : expression.substring(colon + 1), expression,
                    time(Xml.attribute(message, "UtcTime")), Xml.attribute(message, "PropertyOperation"),
                    items(Xml.child(message, TT, "Source")), items(Xml.child(message, TT, "Data"))));
        }
        return new Pulled(time(Xml.childText(r, TEV, "CurrentTime")), time(Xml.childText(r, TEV, "TerminationTime")),
                out);
    }

    private static Map<String, String> items(Element parent) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element item : Xml.children(parent, TT, "SimpleItem")) {
            String name = Xml.attribute(item, "Name");
            if (name != null) {
                out.put(name, Xml.attribute(item, "Value") == null ? "" : Xml.attribute(item, "Value"));
            }
        }
        return out;
    }

    /** An xs:dateTime with a zone ({@code Z} or offset), or {@code null} when absent or unreadable. */
    static Instant time(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(s).toInstant(java.time.ZoneOffset.UTC); // no zone: UTC, as ONVIF says
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /**
     * The children of {@code wsa:ReferenceParameters} written again as SOAP header elements, each
     * marked {@code wsa:IsReferenceParameter="true"}. Elements, attributes and text are copied with
     * their namespaces; anything else (comments, processing instructions) is left out. Empty when
     * there are none.
     */
    static String referenceParameters(Element parameters) {
        if (parameters == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (org.w3c.dom.Node n = parameters.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                writeElement(b, e, true);
            }
        }
        return b.toString();
    }

    private static void writeElement(StringBuilder b, Element e, boolean top) {
        String ns = e.getNamespaceURI();
        String local = e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
        String name = ns == null ? local : "rp:" + local;
        b.append('<').append(name);
        if (ns != null) {
            b.append(" xmlns:rp=\"").append(Xml.escape(ns)).append('"');
        }
        if (top) {
            b.append(" xmlns:wsa=\"").append(WSA).append("\" wsa:IsReferenceParameter=\"true\"");
        }
        org.w3c.dom.NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            org.w3c.dom.Node a = attrs.item(i);
            if (a.getNodeName().startsWith("xmlns") || a.getNamespaceURI() != null) {
                continue; // declarations are rewritten; namespaced attributes are not carried
            }
            b.append(' ').append(a.getNodeName()).append("=\"").append(Xml.escape(a.getNodeValue())).append('"');
        }
        b.append('>');
        for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                StringBuilder inner = new StringBuilder();
                writeElement(inner, child, false);
                b.append(inner);
            } else if (n.getNodeType() == org.w3c.dom.Node.TEXT_NODE
                    || n.getNodeType() == org.w3c.dom.Node.CDATA_SECTION_NODE) {
                b.append(Xml.escape(n.getNodeValue()));
            }
        }
        b.append("</").append(name).append('>');
    }
}
