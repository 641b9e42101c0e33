package dev.vigil.ingest.onvif.soap;

import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.BASE64_BINARY;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.PASSWORD_DIGEST;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.WSSE;
import static dev.vigil.ingest.onvif.soap.OnvifNamespaces.WSU;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Objects;

/**
 * A WS-Security UsernameToken with a PasswordDigest (OASIS Username Token Profile 1.0, section
 * 3.1): {@code Base64(SHA-1(nonce + created + password))}. A fresh nonce and the camera's idea of
 * the time (our clock plus the offset learned from GetSystemDateAndTime, quirk 44) make each
 * token; PasswordText is never sent (quirk 42). Pure.
 *
 * <p>{@link #toString()} shows neither the digest nor the nonce.
 *
 * @param user user name
 * @param digest Base64 PasswordDigest
 * @param nonce Base64 nonce
 * @param created UTC time as {@code yyyy-MM-ddTHH:mm:ss.SSSZ}
 */
public record UsernameToken(String user, String digest, String nonce, String created) {
    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public UsernameToken {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(created, "created");
    }

    /**
     * @param created the camera's current time (UTC)
     * @param nonce fresh random bytes (16 are used by Vigil)
     */
    public static UsernameToken create(String user, String password, Instant created, byte[] nonce) {
        String when = CREATED.format(created);
        return new UsernameToken(user, digest(nonce, when, password), Base64.getEncoder().encodeToString(nonce), when);
    }

    /** {@code Base64(SHA-1(nonce + created + password))}, the bytes of created and password in UTF-8. */
    public static String digest(byte[] nonce, String created, String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }

    /** The {@code wsse:Security} SOAP header block. */
    public String headerXml() {
        return "<wsse:Security s:mustUnderstand=\"1\" xmlns:wsse=\"" + WSSE + "\" xmlns:wsu=\"" + WSU + "\">"
                + "<wsse:UsernameToken><wsse:Username>" + Xml.escape(user) + "</wsse:Username>"
                + "<wsse:Password Type=\"" + PASSWORD_DIGEST + "\">" + digest + "</wsse:Password>"
                + "<wsse:Nonce EncodingType=\"" + BASE64_BINARY + "\">" + nonce + "</wsse:Nonce>"
                + "<wsu:Created>" + created + "</wsu:Created></wsse:UsernameToken></wsse:Security>";
    }

    @Override
    public String toString() {
        return "UsernameToken[user=" + user + ", created=" + created + ", digest=***]";
    }
}
