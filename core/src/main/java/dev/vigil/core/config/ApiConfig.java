package dev.vigil.core.config;

/**
 * The HTTP API.
 *
 * @param bind address to listen on; default {@code 127.0.0.1}
 * @param port default 8080
 * @param limits request size, rate and time limits
 */
public record ApiConfig(String bind, Integer port, ApiLimitsConfig limits) {
    public ApiConfig {
        bind = ConfigDefaults.orDefault(bind, "127.0.0.1");
        port = ConfigDefaults.orDefault(port, 8080);
        limits = limits != null ? limits : ApiLimitsConfig.defaults();
    }

    public static ApiConfig defaults() {
        return new ApiConfig(null, null, null);
    }
}
