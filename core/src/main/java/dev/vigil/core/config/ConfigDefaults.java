package dev.vigil.core.config;

/** Null-to-default helpers for the compact constructors of the config records. */
final class ConfigDefaults {
    private ConfigDefaults() {}

    static <T> T orDefault(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** Blank strings count as absent, so that {@code VIGIL_KAFKA_BOOTSTRAP_SERVERS=} means embedded. */
    static String orDefault(String value, String fallback) {
        return value != null && !value.isBlank() ? value.strip() : fallback;
    }
}
