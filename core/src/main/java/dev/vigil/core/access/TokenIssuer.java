package dev.vigil.core.access;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.port.TokenStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes API tokens: a fresh secret and id, stored through {@link TokenStore} as the secret's
 * SHA-256. Also the first admin token of a node ({@link #bootstrap}). Thread-safe.
 */
public final class TokenIssuer {
    /** The name and creator of the token that {@link #bootstrap} stores. */
    public static final String BOOTSTRAP = "bootstrap";

    private final TokenStore store;
    private final SecureRandom random;
    private final Clock clock;

    public TokenIssuer(TokenStore store, SecureRandom random, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Makes and stores a token.
     *
     * @param createdBy a token id, {@code cli} or {@link #BOOTSTRAP}
     * @return the token with its secret, to be shown once
     */
    public IssuedToken issue(Role role, SiteScope scope, String name, String createdBy) {
        String secret = TokenSecret.generate(random);
        ApiToken token = new ApiToken(TokenSecret.generateId(random), name, role, scope, clock.instant(), createdBy,
                null);
        store.add(token, TokenSecret.sha256(secret));
        return new IssuedToken(token, secret);
    }

    /**
     * Makes sure the node can be administered. With {@code givenSecret} (from
     * {@code VIGIL_BOOTSTRAP_TOKEN}): stores it as an unscoped admin token named
     * {@value #BOOTSTRAP} unless a token with that secret exists already (a revoked one stays
     * revoked). Without: if no unrevoked admin token exists, makes one and returns it, to be shown
     * once; otherwise does nothing.
     *
     * @param givenSecret the operator's chosen secret, or {@code null}
     * @param generateIfNone whether to make an admin token when none exists and none is given
     * @return the generated admin token, if one was generated
     * @throws VigilException FAILED_PRECONDITION if {@code givenSecret} is too short or has
     *     characters other than visible ASCII
     */
    public Optional<IssuedToken> bootstrap(String givenSecret, boolean generateIfNone) {
        if (givenSecret != null && !givenSecret.isEmpty()) {
            if (!TokenSecret.wellFormed(givenSecret)) {
                throw new VigilException(ErrorKind.FAILED_PRECONDITION, "VIGIL_BOOTSTRAP_TOKEN must be "
                        + TokenSecret.MIN_GIVEN_LENGTH + "-" + TokenSecret.MAX_LENGTH
                        + " visible ASCII characters from a random generator (e.g. openssl rand -hex 32)");
            }
            String hash = TokenSecret.sha256(givenSecret);
            if (store.findBySecretHash(hash).isEmpty()) {
                ApiToken token = new ApiToken(TokenSecret.generateId(random), BOOTSTRAP, Role.ADMIN, SiteScope.ALL,
                        clock.instant(), BOOTSTRAP, null);
                store.add(token, hash);
            }
            return Optional.empty();
        }
        if (!generateIfNone || store.hasActiveAdmin()) {
            return Optional.empty();
        }
        return Optional.of(issue(Role.ADMIN, SiteScope.ALL, BOOTSTRAP, BOOTSTRAP));
    }
}
