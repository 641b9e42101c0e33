package dev.vigil.core.access;

import java.util.Objects;

/**
 * A token just made: its stored form and its secret, which is shown to the requester once and kept
 * nowhere. {@link #toString()} leaves the secret out.
 *
 * @param token what the store keeps (besides the secret's hash)
 * @param secret the bearer secret
 */
public record IssuedToken(ApiToken token, String secret) {
    public IssuedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "IssuedToken[" + token + ", secret hidden]";
    }
}
