package dev.vigil.ingest.onvif.soap;

import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.SOAP11;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.SOAP12;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.WSA;

import dev.vigil.ingest.onvif.OnvifException;
import dev.vigil.ingest.onvif.OnvifFailure;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes SOAP 1.2 request envelopes and reads answers (SOAP 1.2 part 1). Pure.
 *
 * <p>Reading: the root must be a SOAP 1.2 {@code Envelope} (anything else, SOAP 1.1 included, is
 * {@link OnvifFailure#NOT_ONVIF}); a {@code Fault} in the body becomes an {@link OnvifException},
 * {@link OnvifFailure#UNAUTHORIZED} when its subcode says so (quirk 42), else {@link OnvifFailure#FAULT}.
 */
public final class SoapEnvelope {
    private SoapEnvelope() {}

    /**
     * A request envelope.
     *
     * @param body the body's content, one element with its own namespace declarations
     * @param security the login, or {@code null} for an unauthenticated request
     * @param addressing WS-Addressing {@code Action} and {@code To} headers, or {@code null}
     */
    public static String request(String body, UsernameToken security, Addressing addressing) {
        StringBuilder b = new StringBuilder(512 + body.length())
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<s:Envelope xmlns:s=\"").append(SOAP12).append("\">");
        if (security != null || addressing != null) {
            b.append("<s:Header>");
            if (addressing != null) {
                b.append("<wsa:Action xmlns:wsa=\"").append(WSA).append("\" s:mustUnderstand=\"1\">")
                        .append(Xml.escape(addressing.action())).append("</wsa:Action>")
                        .append("<wsa:MessageID xmlns:wsa=\"").append(WSA).append("\">urn:uuid:")
                        .append(addressing.messageId()).append("</wsa:MessageID>")
                        .append("<wsa:To xmlns:wsa=\"").append(WSA).append("\" s:mustUnderstand=\"1\">")
                        .append(Xml.escape(addressing.to())).append("</wsa:To>")
                        .append(addressing.referenceParameters());
            }
            if (security != null) {
                b.append(security.headerXml());
            }
            b.append("</s:Header>");
        }
        return b.append("<s:Body>").append(body).append("</s:Body></s:Envelope>").toString();
    }

    /**
     * WS-Addressing headers for one request (ONVIF events want them).
     *
     * @param messageId a fresh UUID
     * @param referenceParameters the endpoint reference's parameters, already written as header
     *     elements marked {@code wsa:IsReferenceParameter} (WS-Addressing 1.0 Core section 3.3);
     *     empty for none
     */
    public record Addressing(String action, String to, java.util.UUID messageId, String referenceParameters) {
        public Addressing {
            referenceParameters = referenceParameters == null ? "" : referenceParameters;
        }

        /** Headers without reference parameters. */
        public Addressing(String action, String to, java.util.UUID messageId) {
            this(action, to, messageId, "");
        }
    }

    /**
     * The first element in the body of an answer.
     *
     * @param what names the answer in errors
     * @throws OnvifException for a fault, a non-SOAP document or an empty body
     */
    public static Element body(Document doc, String what) {
        Element root = doc.getDocumentElement();
        if (Xml.is(root, SOAP11, "Envelope")) {
            throw new OnvifException(OnvifFailure.NOT_ONVIF, what + ": a SOAP 1.1 envelope; ONVIF speaks SOAP 1.2");
        }
        if (!Xml.is(root, SOAP12, "Envelope")) {
            throw new OnvifException(OnvifFailure.NOT_ONVIF, what + ": not a SOAP 1.2 envelope (root element "
                    + Xml.name(root) + ")");
        }
        Element body = Xml.child(root, SOAP12, "Body");
        Element first = body == null ? null : Xml.firstChild(body);
        if (first == null) {
            throw new OnvifException(OnvifFailure.PROTOCOL_ERROR, what + ": the SOAP body is empty");
        }
        if (Xml.is(first, SOAP12, "Fault")) {
            SoapFault fault = SoapFault.parse(first);
            throw new OnvifException(fault.notAuthorized() ? OnvifFailure.UNAUTHORIZED : OnvifFailure.FAULT,
                    what + ": " + (fault.notAuthorized() ? "login refused: " : "the device answered a fault: ")
                            + fault.describe());
        }
        return first;
    }

    /**
     * The answer element {@code {ns}local}; a {@link OnvifFailure#PROTOCOL_ERROR} naming what came
     * instead when the body holds something else (a wrong namespace, another operation).
     */
    public static Element expect(Document doc, String ns, String local, String what) {
        Element first = body(doc, what);
        if (!Xml.is(first, ns, local)) {
            throw new OnvifException(OnvifFailure.PROTOCOL_ERROR, what + ": expected {" + ns + "}" + local
                    + ", got " + Xml.name(first));
        }
        return first;
    }
}
