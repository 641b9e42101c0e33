package dev.vigil.ingest.onvif.soap;

import dev.vigil.ingest.onvif.OnvifException;
import dev.vigil.ingest.onvif.OnvifFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Namespace-aware reading of a parsed DOM, and escaping for the XML we write. Pure. */
public final class Xml {
    private Xml() {}

    /** The first child element {@code {ns}local} of {@code parent}, or {@code null}. */
    public static Element child(Element parent, String ns, String local) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && is(e, ns, local)) {
                return e;
            }
        }
        return null;
    }

    /** Every child element {@code {ns}local} of {@code parent}, in document order. */
    public static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && is(e, ns, local)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The first child element of any name, or {@code null}. */
    public static Element firstChild(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    /** Follows a path of child elements, each {@code {ns}local} given as pairs; {@code null} when a step is missing. */
    public static Element path(Element from, String... nsLocalPairs) {
        Element e = from;
        for (int i = 0; i + 1 < nsLocalPairs.length && e != null; i += 2) {
            e = child(e, nsLocalPairs[i], nsLocalPairs[i + 1]);
        }
        return e;
    }

    /** The stripped text of {@code e}, or {@code null} when {@code e} is. */
    public static String text(Element e) {
        return e == null ? null : e.getTextContent().strip();
    }

    /** The stripped text of the child {@code {ns}local}, or {@code null}. */
    public static String childText(Element parent, String ns, String local) {
        return text(child(parent, ns, local));
    }

    /** The text of the child {@code {ns}local}; a {@link OnvifFailure#PROTOCOL_ERROR} naming it when absent or empty. */
    public static String requireText(Element parent, String ns, String local, String what) {
        String t = childText(parent, ns, local);
        if (t == null || t.isEmpty()) {
            throw new OnvifException(OnvifFailure.PROTOCOL_ERROR, what + ": no " + local + " in " + name(parent));
        }
        return t;
    }

    /** An attribute without namespace, or {@code null} when absent. */
    public static String attribute(Element e, String name) {
        return e != null && e.hasAttribute(name) ? e.getAttribute(name).strip() : null;
    }

    /** Whether {@code e} is {@code {ns}local}. */
    public static boolean is(Element e, String ns, String local) {
        return local.equals(e.getLocalName()) && Objects.equals(ns, e.getNamespaceURI());
    }

    /** {@code {namespace}local} of an element, for messages. */
    public static String name(Element e) {
        return e == null ? "(nothing)" : "{" + Objects.toString(e.getNamespaceURI(), "") + "}" + e.getLocalName();
    }

    /** An integer, or {@code fallback} when absent or not a number. */
    public static int intOr(String s, int fallback) {
        if (s == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Escapes text or an attribute value for XML we write. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
