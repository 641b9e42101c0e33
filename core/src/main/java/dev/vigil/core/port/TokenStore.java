package dev.vigil.core.port;

import dev.vigil.core.access.ApiToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where API tokens are kept: their metadata and the SHA-256 of their secret, never the secret
 * (see {@link dev.vigil.core.access.TokenSecret}). Implementations are thread-safe and report
 * failures as {@link dev.vigil.core.error.VigilException} (UNAVAILABLE when the store cannot be
 * reached).
 */
public interface TokenStore {
    /**
     * Stores a new token.
     *
     * @param secretSha256 64 lower-case hex digits
     * @throws dev.vigil.core.error.VigilException ALREADY_EXISTS if the id or the hash is taken
     */
    void add(ApiToken token, String secretSha256);

    /** The token whose secret hashes to {@code secretSha256}, revoked or not. */
    Optional<ApiToken> findBySecretHash(String secretSha256);

    /** The token with this id, revoked or not. */
    Optional<ApiToken> find(String id);

    /** Every token, oldest first. */
    List<ApiToken> list();

    /**
     * Revokes a token; revoking a revoked token keeps its first revocation time.
     *
     * @return the token as it is now, or empty if there is no such token
     */
    Optional<ApiToken> revoke(String id, Instant at);

    /** Whether some unrevoked admin token exists. */
    boolean hasActiveAdmin();
}
