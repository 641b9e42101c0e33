package dev.vigil.ingest.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    /** RFC 2617 section 3.5 example (qop=auth), replayed with method GET. */
    @Test
    void digestMatchesTheRfc2617Example() {
        String challenge = "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";
        Authenticator a = Authenticator.forChallenges(List.of(challenge), new Credentials("Mufasa", "Circle Of Life"),
                () -> "0a4f113b").orElseThrow();
        String h = a.authorization("GET", "/dir/index.html");
        assertTrue(h.contains("response=\"6629fae49393a05397450978507c4ef1\""), h);
        assertTrue(h.contains("nc=00000001"), h);
        assertTrue(h.contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""), h);
    }

    @Test
    void digestPreferredOverBasic() {
        Authenticator a = Authenticator.forChallenges(List.of("Basic realm=\"x\"", "Digest realm=\"r\", nonce=\"n\""),
                new Credentials("u", "p"), () -> "c").orElseThrow();
        assertTrue(a.authorization("DESCRIBE", "rtsp://h/").startsWith("Digest "));
        assertTrue(!a.toString().contains("p]"));
    }

    @Test
    void basic() {
        Authenticator a = Authenticator.forChallenges(List.of("Basic realm=\"cam\""), new Credentials("u", "p"),
                () -> "c").orElseThrow();
        assertEquals("Basic dTpw", a.authorization("DESCRIBE", "rtsp://h/"));
    }

    @Test
    void unsupportedChallengesGiveNothing() {
        assertTrue(Authenticator.forChallenges(List.of("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256"),
                new Credentials("u", "p"), () -> "c").isEmpty());
    }
}
