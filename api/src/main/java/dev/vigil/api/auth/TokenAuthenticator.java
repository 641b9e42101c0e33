package dev.vigil.api.auth;

import dev.vigil.core.access.ApiToken;
import dev.vigil.core.access.TokenSecret;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.port.TokenStore;
import java.util.Objects;
import java.util.Optional;

/**
 * Authenticates against a {@link TokenStore}: a malformed secret is refused without a lookup; a
 * well-formed one is hashed (SHA-256) and looked up by its hash; a revoked token is refused like
 * an unknown one (the message does not tell them apart).
 */
public final class TokenAuthenticator implements Authenticator {
    private final TokenStore store;

    public TokenAuthenticator(TokenStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Principal authenticate(String secret) {
        if (!TokenSecret.wellFormed(secret)) {
            throw unknown();
        }
        Optional<ApiToken> token = store.findBySecretHash(TokenSecret.sha256(secret));
        if (token.isEmpty() || !token.get().active()) {
            throw unknown();
        }
        return Principal.of(token.get());
    }

    private static VigilException unknown() {
        return new VigilException(ErrorKind.UNAUTHENTICATED, "the bearer token is not valid (unknown or revoked)");
    }
}
