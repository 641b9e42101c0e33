package dev.vigil.api.auth;

/**
 * Turns a presented bearer secret into a {@link Principal}. Called on a worker thread; may block
 * on the token store.
 */
@FunctionalInterface
public interface Authenticator {
    /**
     * @param secret the bearer secret as presented (never logged)
     * @throws dev.vigil.core.error.VigilException UNAUTHENTICATED if it is unknown, malformed or
     *     revoked; UNAVAILABLE if the token store cannot be reached
     */
    Principal authenticate(String secret);
}
