package dev.vigil.ingest.onvif.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.ingest.onvif.OnvifException;
import dev.vigil.ingest.onvif.OnvifFailure;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile XML: every attack is refused with a clear PROTOCOL_ERROR, nothing is read or fetched. */
class SafeXmlTest {
    private static OnvifException refused(String xml) {
        return assertThrows(OnvifException.class, () -> SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8), "answer"));
    }

    @Test
    void externalEntityFileIsNeverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-MARKER");
        OnvifException e = refused("<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY xxe SYSTEM \"" + secret.toUri()
                + "\">]><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>&xxe;</s:Body></s:Envelope>");
        assertEquals(OnvifFailure.PROTOCOL_ERROR, e.failure());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertFalse(e.getMessage().contains("TOP-SECRET-MARKER"), e.getMessage());
    }

    @Test
    void externalEntityUrlIsNeverFetched() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket trap = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            trap.setSoTimeout(1);
            String url = "http://127.0.0.1:" + trap.getLocalPort() + "/x.dtd";
            refused("<!DOCTYPE e SYSTEM \"" + url + "\"><e/>");
            refused("<!DOCTYPE e [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]><e/>");
            refused("<!DOCTYPE e [<!ENTITY x SYSTEM \"" + url + "\">]><e>&x;</e>");
            try {
                trap.accept().close();
                connections.incrementAndGet();
            } catch (SocketTimeoutException expected) {
                // nobody came
            }
        }
        assertEquals(0, connections.get(), "the parser fetched an external DTD or entity");
    }

    @Test
    void entityExpansionBombIsRefused() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            b.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                b.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            }
            b.append("\">");
        }
        b.append("]><lolz>&lol9;</lolz>");
        assertEquals(OnvifFailure.PROTOCOL_ERROR, refused(b.toString()).failure());
    }

    @Test
    void hugeDocumentIsRefusedBeforeParsing() {
        byte[] big = new byte[SafeXml.DEFAULT_MAX_BYTES + 1];
        OnvifException e = assertThrows(OnvifException.class, () -> SafeXml.parse(big, "answer"));
        assertEquals(ErrorKind.RESOURCE_EXHAUSTED, e.kind());
        assertTrue(e.getMessage().contains("more than the limit of " + SafeXml.DEFAULT_MAX_BYTES), e.getMessage());
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "<a>".repeat(50_000) + "</a>".repeat(50_000);
        OnvifException e = refused(deep);
        assertEquals(ErrorKind.RESOURCE_EXHAUSTED, e.kind());
        assertTrue(e.getMessage().contains("nested more than"), e.getMessage());
    }

    @Test
    void malformedAndEmptyAreClearErrors() {
        assertTrue(refused("<a><b></a>").getMessage().startsWith("answer: not well-formed or unsafe XML at line 1"));
        assertTrue(refused("").getMessage().contains("empty"));
        assertTrue(refused("<?xml version=\u201d1.0\u201d ?><a/>").getMessage().contains("not well-formed"));
    }

    @Test
    void namespacesAreResolved() {
        var doc = SafeXml.parse("<x:a xmlns:x=\"urn:x\"><x:b>t</x:b></x:a>".getBytes(StandardCharsets.UTF_8), "t");
        assertEquals("t", Xml.childText(doc.getDocumentElement(), "urn:x", "b"));
        assertEquals(null, Xml.childText(doc.getDocumentElement(), "urn:other", "b"));
    }
}
