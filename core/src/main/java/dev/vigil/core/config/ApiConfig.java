package dev.vigil.core.config;

import dev.vigil.core.net.CameraNetworks;
import java.util.List;

/**
 * The HTTP API.
 *
 * @param bind address to listen on; default {@code 127.0.0.1}
 * @param port default 8080
 * @param limits request size, rate and time limits
 * @param cameraNetworks CIDR blocks (IPv4 and IPv6) that cameras configured through the API must be
 *     in: their URL's and ONVIF address's host, every address a name resolves to; default
 *     {@link CameraNetworks#DEFAULTS} (loopback and the private ranges)
 */
public record ApiConfig(String bind, Integer port, ApiLimitsConfig limits, List<String> cameraNetworks) {
    public ApiConfig {
        bind = ConfigDefaults.orDefault(bind, "127.0.0.1");
        port = ConfigDefaults.orDefault(port, 8080);
        limits = limits != null ? limits : ApiLimitsConfig.defaults();
        cameraNetworks = cameraNetworks == null ? CameraNetworks.DEFAULTS : List.copyOf(cameraNetworks);
    }

    /** Default camera networks. */
    public ApiConfig(String bind, Integer port, ApiLimitsConfig limits) {
        this(bind, port, limits, null);
    }

    public static ApiConfig defaults() {
        return new ApiConfig(null, null, null, null);
    }
}
