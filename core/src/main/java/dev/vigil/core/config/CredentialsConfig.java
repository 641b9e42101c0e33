package dev.vigil.core.config;

import java.util.Map;

/**
 * A camera's login, held apart from its URL. The password itself never appears in the config
 * file, the logs or the API: only the name of the environment variable that holds it.
 *
 * @param user user name
 * @param passwordEnv name of the environment variable holding the password
 */
public record CredentialsConfig(String user, String passwordEnv) {

    /** Resolves the password from {@code env}; {@code null} when the variable is unset. */
    public String password(Map<String, String> env) {
        return passwordEnv == null ? null : env.get(passwordEnv);
    }

    @Override
    public String toString() {
        return "CredentialsConfig[user=" + user + ", passwordEnv=" + passwordEnv + "]";
    }
}
