package dev.vigil.ingest.rtsp;

import java.util.Objects;

/**
 * A camera login. {@link #toString()} never shows the password.
 *
 * @param user user name, not empty
 * @param password password, may be empty
 */
public record Credentials(String user, String password) {
    public Credentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isEmpty()) {
            throw new IllegalArgumentException("user is empty");
        }
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=***]";
    }
}
