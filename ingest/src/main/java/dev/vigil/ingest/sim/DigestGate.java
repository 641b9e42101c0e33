package dev.vigil.ingest.sim;

import dev.vigil.ingest.rtsp.Authenticator;
import dev.vigil.ingest.rtsp.Credentials;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The simulated camera's side of RTSP Digest authentication (RFC 2617 without qop, as most
 * cameras do it): a challenge with a nonce per connection, and a check of the {@code response}
 * a client computed. The expected value is computed by the client's own {@link Authenticator} from
 * the same challenge, so the two sides agree by construction and the test is that a real client
 * (GStreamer, FFmpeg, Vigil) is accepted with the right password and refused with a wrong one.
 */
final class DigestGate {
    static final String REALM = "vigil-simulated-camera";

    private final Credentials credentials;
    private final String nonce;

    DigestGate(Credentials credentials, RandomGenerator random) {
        this.credentials = credentials;
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        this.nonce = HexFormat.of().formatHex(bytes);
    }

    /** The {@code WWW-Authenticate} value of a 401. */
    String challenge() {
        return "Digest realm=\"" + REALM + "\", nonce=\"" + nonce + "\"";
    }

    /** Whether {@code authorization} answers this connection's challenge for {@code method} on {@code uri}. */
    boolean accepts(String authorization, String method) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Digest ", 0, 7)) {
            return false;
        }
        var params = Authenticator.parseDigestParams(authorization.substring(7));
        String uri = params.get("uri");
        String response = params.get("response");
        if (uri == null || response == null || !credentials.user().equals(params.get("username"))
                || !nonce.equals(params.get("nonce"))) {
            return false;
        }
        Optional<Authenticator> expected = Authenticator.forChallenges(List.of(challenge()), credentials, () -> "");
        if (expected.isEmpty()) {
            return false;
        }
        String expectedHeader = expected.get().authorization(method, uri);
        return response.equalsIgnoreCase(Authenticator.parseDigestParams(expectedHeader.substring(7)).get("response"));
    }
}
