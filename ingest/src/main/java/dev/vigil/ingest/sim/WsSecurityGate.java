package dev.vigil.ingest.sim;

import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.PASSWORD_DIGEST;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.SOAP12;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.WSSE;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.WSU;

import dev.vigil.ingest.onvif.soap.UsernameToken;
import dev.vigil.ingest.onvif.soap.Xml;
import dev.vigil.ingest.rtsp.Credentials;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The simulated device's check of a WS-Security UsernameToken, as strict as real cameras: a
 * PasswordDigest only (PasswordText is refused, quirk 42), {@code Created} within 5 minutes of the
 * device's own clock (which may be far from the client's, quirk 44), and no nonce used twice.
 */
final class WsSecurityGate {
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private final Credentials credentials;
    private final Set<String> seenNonces = ConcurrentHashMap.newKeySet();

    WsSecurityGate(Credentials credentials) {
        this.credentials = credentials;
    }

    /** Why the request's token is refused, or {@code null} when it is accepted. */
    String refusal(Document request, Instant deviceNow) {
        Element token = Xml.path(request.getDocumentElement(), SOAP12, "Header", WSSE, "Security", WSSE, "UsernameToken");
        if (token == null) {
            return "no UsernameToken";
        }
        Element password = Xml.child(token, WSSE, "Password");
        if (!PASSWORD_DIGEST.equals(Xml.attribute(password, "Type"))) {
            return "only PasswordDigest is accepted";
        }
        String user = Xml.childText(token, WSSE, "Username");
        String nonce = Xml.childText(token, WSSE, "Nonce");
        String created = Xml.childText(token, WSU, "Created");
        if (user == null || nonce == null || created == null) {
            return "incomplete UsernameToken";
        }
        Instant when;
        try {
            when = OffsetDateTime.parse(created).toInstant();
        } catch (RuntimeException e) {
            return "unreadable Created";
        }
        if (Duration.between(when, deviceNow).abs().compareTo(MAX_SKEW) > 0) {
            return "Created " + created + " is too far from the device's time " + deviceNow;
        }
        byte[] nonceBytes;
        try {
            nonceBytes = Base64.getDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return "nonce is not Base64";
        }
        String expected = UsernameToken.digest(nonceBytes, created, credentials.password());
        if (!user.equals(credentials.user()) || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                Xml.text(password).getBytes(StandardCharsets.US_ASCII))) {
            return "wrong user or password";
        }
        if (!seenNonces.add(nonce)) {
            return "nonce replayed";
        }
        return null;
    }
}
