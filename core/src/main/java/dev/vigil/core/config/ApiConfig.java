package dev.vigil.core.config;

/**
 * The HTTP API.
 *
 * @param bind address to listen on; default {@code 127.0.0.1}
 * @param port default 8080
 */
public record ApiConfig(String bind, Integer port) {
    public ApiConfig {
        bind = ConfigDefaults.orDefault(bind, "127.0.0.1");
        port = ConfigDefaults.orDefault(port, 8080);
    }
}
