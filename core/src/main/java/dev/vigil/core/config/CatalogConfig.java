package dev.vigil.core.config;

/**
 * The SQL catalog of recordings, alerts and audit rows.
 *
 * @param jdbcUrl e.g. {@code jdbc:postgresql://db:5432/vigil}; empty means the embedded H2 file
 *     database under {@code <dataDir>/catalog}
 * @param user database user; default {@code vigil}
 * @param passwordEnv the environment variable holding the password; default {@code VIGIL_DB_PASSWORD}
 */
public record CatalogConfig(String jdbcUrl, String user, String passwordEnv) {
    public CatalogConfig {
        jdbcUrl = ConfigDefaults.orDefault(jdbcUrl, (String) null);
        user = ConfigDefaults.orDefault(user, "vigil");
        passwordEnv = ConfigDefaults.orDefault(passwordEnv, "VIGIL_DB_PASSWORD");
    }

    /** Whether Vigil uses its embedded database. */
    public boolean usesEmbedded() {
        return jdbcUrl == null;
    }
}
