package dev.vigil.core.config;

/**
 * The HTTP API.
 *
 * @param bind address to listen on; default {@code 127.0.0.1}
 * @param port default 8080
 * @param limits request size, rate and time limits
 * @param cameraNetworks CIDR blocks that cameras added or changed through the API must be in
 *     (e.g. {@code 10.20.0.0/16}); default none, which refuses every camera the API is given
 */
public record ApiConfig(String bind, Integer port, ApiLimitsConfig limits, java.util.List<String> cameraNetworks) {
    public ApiConfig {
        bind = ConfigDefaults.orDefault(bind, "127.0.0.1");
        port = ConfigDefaults.orDefault(port, 8080);
        limits = limits != null ? limits : ApiLimitsConfig.defaults();
        cameraNetworks = cameraNetworks == null ? java.util.List.of() : java.util.List.copyOf(cameraNetworks);
    }

    /** The API on {@code bind}:{@code port} with default limits and no camera networks. */
    public ApiConfig(String bind, Integer port, ApiLimitsConfig limits) {
        this(bind, port, limits, null);
    }

    public static ApiConfig defaults() {
        return new ApiConfig(null, null, null, null);
    }
}
