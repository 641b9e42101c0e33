package dev.vigil.core.config;

/**
 * An address and port to listen on.
 *
 * @param bind interface address, e.g. {@code 127.0.0.1}
 * @param port TCP port; 0 picks a free one (tests)
 */
public record Listen(String bind, Integer port) {
    Listen withDefaults(String defaultBind, int defaultPort) {
        return new Listen(ConfigDefaults.orDefault(bind, defaultBind), ConfigDefaults.orDefault(port, defaultPort));
    }
}
