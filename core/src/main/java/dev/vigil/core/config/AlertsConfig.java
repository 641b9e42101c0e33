package dev.vigil.core.config;

/**
 * Alerts to the IOC (the Kafka side is in {@link KafkaConfig}).
 *
 * @param enabled whether the node raises and publishes alerts; default true
 * @param offlineAfterSeconds a camera without pictures this long raises {@code camera_offline}; default 30
 * @param publicUrl the base URL at which the IOC reaches Vigil's API, e.g. {@code https://vigil.city.example};
 *     snapshot and clip URLs in alerts start with it; empty (default) writes them as paths
 *     ({@code /api/v1/alerts/{id}/snapshot})
 * @param clipSeconds an event clip runs from the camera's pre-roll before the event start to this
 *     long after it; default 20; 0 asks for no clips
 * @param clipWaitSeconds how long CLOSED waits for the clip before going out without it; default 120
 * @param minUpdateMillis UPDATED messages of one alert at most this often (the last change always
 *     goes out with the next message); default 1000
 * @param queueEvents events waiting to be committed, all cameras together; beyond, dropped and counted; default 10000
 * @param outboxRetentionHours sent outbox rows are deleted after this long (the alerts stay); default 168
 */
public record AlertsConfig(
        Boolean enabled,
        Integer offlineAfterSeconds,
        String publicUrl,
        Integer clipSeconds,
        Integer clipWaitSeconds,
        Integer minUpdateMillis,
        Integer queueEvents,
        Integer outboxRetentionHours) {

    public AlertsConfig {
        enabled = ConfigDefaults.orDefault(enabled, Boolean.TRUE);
        offlineAfterSeconds = ConfigDefaults.orDefault(offlineAfterSeconds, 30);
        publicUrl = ConfigDefaults.orDefault(publicUrl, (String) null);
        clipSeconds = ConfigDefaults.orDefault(clipSeconds, 20);
        clipWaitSeconds = ConfigDefaults.orDefault(clipWaitSeconds, 120);
        minUpdateMillis = ConfigDefaults.orDefault(minUpdateMillis, 1000);
        queueEvents = ConfigDefaults.orDefault(queueEvents, 10_000);
        outboxRetentionHours = ConfigDefaults.orDefault(outboxRetentionHours, 168);
    }

    static AlertsConfig defaults() {
        return new AlertsConfig(null, null, null, null, null, null, null, null);
    }
}
