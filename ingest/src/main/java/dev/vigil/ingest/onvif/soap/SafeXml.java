package dev.vigil.ingest.onvif.soap;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.ingest.onvif.OnvifException;
import dev.vigil.ingest.onvif.OnvifFailure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses untrusted XML (camera answers, WS-Discovery datagrams) into a namespace-aware DOM, safely:
 * no DOCTYPE at all (so no entities, internal or external: XXE and "billion laughs" are refused
 * before anything is expanded), no external DTD or schema access, no XInclude, at most
 * {@value #MAX_DEPTH} levels of elements, and a byte limit checked before parsing. Pure: no I/O
 * beyond the given bytes, no logging.
 *
 * <p>Always the JDK's own parser ({@link DocumentBuilderFactory#newDefaultInstance()}), never one
 * found on the class path, so that the features below are known to be honoured.
 *
 * <p>Implementation note: the feature names are those of the OWASP XXE prevention cheat sheet
 * for JAXP; {@code disallow-doctype-decl} alone stops XXE, the rest is defence in depth.
 */
public final class SafeXml {
    /** Default largest document accepted: 1 MiB (real answers are a few KiB; GetProfiles of a 16-channel NVR ~200 KiB). */
    public static final int DEFAULT_MAX_BYTES = 1 << 20;
    /** Deepest element nesting accepted. */
    public static final int MAX_DEPTH = 100;

    private SafeXml() {}

    /**
     * Parses {@code xml}.
     *
     * @param what names the document in errors, e.g. {@code "answer of http://cam/onvif/device_service"}
     * @throws OnvifException {@link OnvifFailure#PROTOCOL_ERROR}: too large (kind RESOURCE_EXHAUSTED),
     *     not well-formed, has a DOCTYPE, or nests too deep
     */
    public static Document parse(byte[] xml, int maxBytes, String what) {
        if (xml.length > maxBytes) {
            throw new OnvifException(OnvifFailure.PROTOCOL_ERROR, ErrorKind.RESOURCE_EXHAUSTED, what + ": "
                    + xml.length + " bytes, more than the limit of " + maxBytes, null);
        }
        if (xml.length == 0) {
            throw new OnvifException(OnvifFailure.PROTOCOL_ERROR, what + ": empty");
        }
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(THROWING);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused: " + systemId);
            });
            Document doc = builder.parse(new ByteArrayInputStream(xml));
            checkDepth(doc.getDocumentElement(), what);
            return doc;
        } catch (SAXParseException e) {
            throw new OnvifException(OnvifFailure.PROTOCOL_ERROR, what + ": not well-formed or unsafe XML at line "
                    + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new OnvifException(OnvifFailure.PROTOCOL_ERROR, what + ": unusable XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new OnvifException(OnvifFailure.PROTOCOL_ERROR, ErrorKind.INTERNAL,
                    "the JDK's XML parser lacks a security feature: " + e.getMessage(), e);
        }
    }

    /** {@link #parse(byte[], int, String)} with {@link #DEFAULT_MAX_BYTES}. */
    public static Document parse(byte[] xml, String what) {
        return parse(xml, DEFAULT_MAX_BYTES, what);
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setValidating(false);
        return f;
    }

    /** Iterative, so that a hostile nesting cannot overflow our stack either. */
    private static void checkDepth(org.w3c.dom.Node root, String what) {
        org.w3c.dom.Node node = root;
        int depth = 1;
        while (node != null) {
            if (depth > MAX_DEPTH) {
                throw new OnvifException(OnvifFailure.PROTOCOL_ERROR, ErrorKind.RESOURCE_EXHAUSTED, what
                        + ": elements nested more than " + MAX_DEPTH + " deep", null);
            }
            if (node.getFirstChild() != null) {
                node = node.getFirstChild();
                depth++;
                continue;
            }
            while (node != null && node != root && node.getNextSibling() == null) {
                node = node.getParentNode();
                depth--;
            }
            node = node == null || node == root ? null : node.getNextSibling();
        }
    }

    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // Warnings (e.g. an unknown encoding alias) are not fatal; nothing is logged in a parser.
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
