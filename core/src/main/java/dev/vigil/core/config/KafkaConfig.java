package dev.vigil.core.config;

/**
 * Kafka, where alerts go to the IOC.
 *
 * @param bootstrapServers e.g. {@code kafka1:9092,kafka2:9092}; empty means start the embedded broker
 * @param embedded where the embedded broker listens for clients
 * @param embeddedControllerPort the embedded KRaft controller's port; default 9093
 * @param alertsTopic default {@code vigil.alerts.v1}
 * @param partitions partitions of topics Vigil creates; default 6
 * @param replicationFactor replication of topics Vigil creates; default 1 (raise it on a cluster)
 */
public record KafkaConfig(
        String bootstrapServers,
        Listen embedded,
        Integer embeddedControllerPort,
        String alertsTopic,
        Integer partitions,
        Short replicationFactor) {

    public KafkaConfig {
        bootstrapServers = ConfigDefaults.orDefault(bootstrapServers, (String) null);
        embedded = embedded != null ? embedded.withDefaults("127.0.0.1", 9092) : new Listen("127.0.0.1", 9092);
        embeddedControllerPort = ConfigDefaults.orDefault(embeddedControllerPort, 9093);
        alertsTopic = ConfigDefaults.orDefault(alertsTopic, "vigil.alerts.v1");
        partitions = ConfigDefaults.orDefault(partitions, 6);
        replicationFactor = ConfigDefaults.orDefault(replicationFactor, (short) 1);
    }

    static KafkaConfig defaults() {
        return new KafkaConfig(null, null, null, null, null, null);
    }

    /** Whether Vigil starts its own broker. */
    public boolean usesEmbedded() {
        return bootstrapServers == null;
    }
}
