package dev.vigil.ingest.onvif.soap;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.ingest.onvif.OnvifException;
import dev.vigil.ingest.onvif.OnvifFailure;
import dev.vigil.ingest.rtsp.Authenticator;
import dev.vigil.ingest.rtsp.Credentials;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.w3c.dom.Document;

/**
 * Calls SOAP operations of one ONVIF device with its login: a WS-Security UsernameToken with
 * PasswordDigest on every authenticated call, built from a fresh nonce and the camera's clock
 * (ours plus the offset learned by {@link #learnClockOffset}, quirk 44); HTTP Digest (RFC 2617,
 * MD5) added when the camera answers 401 with a Digest challenge. Maps every way a call can fail
 * to an {@link OnvifException}:
 *
 * <ul>
 *   <li>401 (after the Digest retry), or a fault whose subcode is {@code ter:NotAuthorized} or a
 *       WS-Security failure, whatever the HTTP status (quirk 42: often 400): UNAUTHORIZED;
 *   <li>another SOAP fault: FAULT; HTML, a non-SOAP document, or an error status without a SOAP
 *       body (404, 405...): NOT_ONVIF; malformed, unsafe or too-large XML: PROTOCOL_ERROR.
 * </ul>
 *
 * <p>Threading: calls block the calling thread (never call them on an event loop); the Digest
 * state is guarded, so one client may serve several threads. The password is held here and in
 * nothing that is logged or printed.
 */
public final class SoapClient {
    private final SoapHttpClient http;
    private final Credentials credentials;
    private final Clock clock;
    private final Supplier<byte[]> nonces;
    private volatile Duration clockOffset = Duration.ZERO;
    private Authenticator digest;

    /**
     * @param credentials the login, or {@code null} to call without one
     * @param nonces fresh random bytes per token
     */
    public SoapClient(SoapHttpClient http, Credentials credentials, Clock clock, Supplier<byte[]> nonces) {
        this.http = http;
        this.credentials = credentials;
        this.clock = clock;
        this.nonces = nonces;
    }

    /** With 16-byte nonces from a {@link SecureRandom}. */
    public SoapClient(SoapHttpClient http, Credentials credentials, Clock clock) {
        this(http, credentials, clock, secureNonces());
    }

    private static Supplier<byte[]> secureNonces() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] n = new byte[16];
            random.nextBytes(n);
            return n;
        };
    }

    /** Records the camera's time as reported now: later tokens carry our clock plus the difference. */
    public void learnClockOffset(Instant deviceNow) {
        clockOffset = Duration.between(clock.instant(), deviceNow);
    }

    /** Camera time minus our time, as last learned (zero before). */
    public Duration clockOffset() {
        return clockOffset;
    }

    /** The HTTP deadline of one call, in milliseconds. */
    public long timeoutMillis() {
        return http.timeout().toMillis();
    }

    public boolean hasCredentials() {
        return credentials != null;
    }

    /**
     * Calls one operation and returns the parsed answer (a SOAP 1.2 envelope, no fault).
     *
     * @param body the request body element with its namespace declarations
     * @param authenticated whether to send the UsernameToken (and HTTP Digest when asked)
     * @param addressing WS-Addressing headers, or {@code null}
     * @param what names the call in errors, e.g. {@code "GetProfiles at http://cam/onvif/media"}
     */
    public Document call(URI url, String action, String body, boolean authenticated,
            SoapEnvelope.Addressing addressing, String what) {
        boolean login = authenticated && credentials != null;
        HttpAnswer answer = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            UsernameToken token = login ? UsernameToken.create(credentials.user(), credentials.password(),
                    clock.instant().plus(clockOffset), nonces.get()) : null;
            byte[] envelope = SoapEnvelope.request(body, token, addressing).getBytes(StandardCharsets.UTF_8);
            answer = await(http.post(url, action, envelope, login ? authorization(url) : null), what);
            if (answer.status() != 401 || !login || attempt > 0 || !takeChallenge(answer)) {
                break;
            }
        }
        return interpret(answer, what);
    }

    private synchronized String authorization(URI url) {
        return digest == null ? null : digest.authorization("POST", url.getRawPath());
    }

    /** Keeps a Digest challenge for the retry; false when there is none we can answer. */
    private synchronized boolean takeChallenge(HttpAnswer answer) {
        Optional<Authenticator> a = Authenticator.forChallenges(answer.challenges(), credentials, SoapClient::cnonce);
        a.ifPresent(x -> digest = x);
        return a.isPresent();
    }

    private static String cnonce() {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private HttpAnswer await(java.util.concurrent.CompletableFuture<HttpAnswer> f, String what) {
        try {
            return f.get(http.timeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof VigilException v) {
                throw new OnvifException(OnvifException.failureOf(v), v.kind(), what + ": " + v.getMessage(), v);
            }
            throw new OnvifException(OnvifFailure.UNREACHABLE, what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            f.cancel(false);
            throw new OnvifException(OnvifFailure.TIMEOUT, what + ": no answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OnvifException(OnvifFailure.UNREACHABLE, ErrorKind.UNAVAILABLE, what + ": interrupted", e);
        }
    }

    /** An answer of any status as a SOAP document, or the error it stands for. */
    static Document interpret(HttpAnswer answer, String what) {
        int status = answer.status();
        String context = what + " (HTTP " + status + ")";
        if (looksLikeHtml(answer)) {
            throw new OnvifException(OnvifFailure.NOT_ONVIF, context + ": answered with an HTML page, not SOAP");
        }
        if (answer.body().length == 0) {
            if (status == 401 || status == 403) {
                throw new OnvifException(OnvifFailure.UNAUTHORIZED, context + ": login refused");
            }
            throw new OnvifException(status / 100 == 2 ? OnvifFailure.PROTOCOL_ERROR : OnvifFailure.NOT_ONVIF,
                    context + ": empty answer");
        }
        Document doc;
        try {
            doc = SafeXml.parse(answer.body(), what);
        } catch (OnvifException e) {
            if (status / 100 != 2 && !answer.contentType().toLowerCase(Locale.ROOT).contains("xml")) {
                throw new OnvifException(status == 401 || status == 403 ? OnvifFailure.UNAUTHORIZED
                        : OnvifFailure.NOT_ONVIF, context + ": not a SOAP answer", e);
            }
            throw e;
        }
        SoapEnvelope.body(doc, context); // throws for faults and non-SOAP documents
        if (status == 401 || status == 403) {
            throw new OnvifException(OnvifFailure.UNAUTHORIZED, context + ": login refused");
        }
        if (status / 100 != 2) {
            throw new OnvifException(OnvifFailure.PROTOCOL_ERROR, context + ": an error status without a fault");
        }
        return doc;
    }

    private static boolean looksLikeHtml(HttpAnswer answer) {
        if (answer.contentType().toLowerCase(Locale.ROOT).contains("html")) {
            return true;
        }
        byte[] b = answer.body();
        int i = 0;
        while (i < b.length && i < 64 && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        String head = new String(b, i, Math.min(16, b.length - i), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html");
    }
}
