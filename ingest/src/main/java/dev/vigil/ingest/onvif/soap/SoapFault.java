package dev.vigil.ingest.onvif.soap;

import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.SOAP12;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * A SOAP 1.2 fault (SOAP 1.2 part 1, section 5.4): code, subcodes (qualified names resolved against
 * the namespaces in scope, as {@code {namespace}local}) and reason. Pure.
 *
 * @param code the top-level code, e.g. {@code {http://www.w3.org/2003/05/soap-envelope}Sender}
 * @param subcodes nested subcodes, outermost first
 * @param reason the first reason text, or an empty string
 */
public record SoapFault(String code, List<String> subcodes, String reason) {
    /**
     * Subcode local names that mean "who are you": ONVIF's {@code ter:NotAuthorized} (quirk 42, often
     * with HTTP 400) and the WS-Security faults (OASIS SOAP Message Security 1.0, section 12).
     */
    private static final Set<String> AUTH_SUBCODES = Set.of("NotAuthorized", "FailedAuthentication",
            "InvalidSecurity", "InvalidSecurityToken", "FailedCheck", "SecurityTokenUnavailable");

    public SoapFault {
        code = code == null ? "" : code;
        subcodes = List.copyOf(subcodes);
        reason = reason == null ? "" : reason;
    }

    /** Reads a {@code {SOAP12}Fault} element. */
    public static SoapFault parse(Element fault) {
        Element code = Xml.child(fault, SOAP12, "Code");
        String value = qname(Xml.child(code, SOAP12, "Value"));
        List<String> subs = new ArrayList<>();
        Element sub = Xml.child(code, SOAP12, "Subcode");
        for (int i = 0; sub != null && i < 8; i++) {
            subs.add(qname(Xml.child(sub, SOAP12, "Value")));
            sub = Xml.child(sub, SOAP12, "Subcode");
        }
        Element reason = Xml.child(fault, SOAP12, "Reason");
        String text = Xml.childText(reason, SOAP12, "Text");
        return new SoapFault(value, subs, text);
    }

    /** Whether the fault says the login was refused. */
    public boolean notAuthorized() {
        for (String s : subcodes) {
            if (AUTH_SUBCODES.contains(s.substring(s.lastIndexOf('}') + 1))) {
                return true;
            }
        }
        return false;
    }

    /** {@code reason (code / subcode / ...)} with namespaces reduced to local names, for messages. */
    public String describe() {
        StringBuilder b = new StringBuilder(reason.isEmpty() ? "no reason given" : reason).append(" (")
                .append(local(code));
        subcodes.forEach(s -> b.append(" / ").append(local(s)));
        return b.append(')').toString();
    }

    private static String local(String qname) {
        return qname.substring(qname.lastIndexOf('}') + 1);
    }

    /** The text of {@code e} as a QName, the prefix resolved in scope; unresolvable prefixes are kept. */
    private static String qname(Element e) {
        String text = Xml.text(e);
        if (text == null) {
            return "";
        }
        int colon = text.indexOf(':');
        String prefix = colon < 0 ? null : text.substring(0, colon);
        String ns = e.lookupNamespaceURI(prefix);
        String local = colon < 0 ? text : text.substring(colon + 1);
        return ns == null ? text : "{" + ns + "}" + local;
    }
}
