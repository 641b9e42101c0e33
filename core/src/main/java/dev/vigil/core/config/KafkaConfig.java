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
 * @param dlqTopic alerts that can never be sent, with the reason; default {@code vigil.alerts.dlq.v1}
 * @param acksTopic acknowledgements from the IOC; default {@code vigil.alert-acks.v1}
 * @param acksGroupId the consumer group reading {@code acksTopic}, shared by the nodes; default {@code vigil-alert-acks}
 * @param maxMessageBytes the largest alert message sent (the producer's {@code max.request.size} and
 *     the {@code max.message.bytes} of topics Vigil creates); larger ones go to the DLQ; default 1048576
 */
public record KafkaConfig(
        String bootstrapServers,
        Listen embedded,
        Integer embeddedControllerPort,
        String alertsTopic,
        Integer partitions,
        Short replicationFactor,
        String dlqTopic,
        String acksTopic,
        String acksGroupId,
        Integer maxMessageBytes) {

    public KafkaConfig {
        bootstrapServers = ConfigDefaults.orDefault(bootstrapServers, (String) null);
        embedded = embedded != null ? embedded.withDefaults("127.0.0.1", 9092) : new Listen("127.0.0.1", 9092);
        embeddedControllerPort = ConfigDefaults.orDefault(embeddedControllerPort, 9093);
        alertsTopic = ConfigDefaults.orDefault(alertsTopic, "vigil.alerts.v1");
        partitions = ConfigDefaults.orDefault(partitions, 6);
        replicationFactor = ConfigDefaults.orDefault(replicationFactor, (short) 1);
        dlqTopic = ConfigDefaults.orDefault(dlqTopic, "vigil.alerts.dlq.v1");
        acksTopic = ConfigDefaults.orDefault(acksTopic, "vigil.alert-acks.v1");
        acksGroupId = ConfigDefaults.orDefault(acksGroupId, "vigil-alert-acks");
        maxMessageBytes = ConfigDefaults.orDefault(maxMessageBytes, 1_048_576);
    }

    /** Kafka settings without the alert topics' own keys (they take their defaults). */
    public KafkaConfig(String bootstrapServers, Listen embedded, Integer embeddedControllerPort, String alertsTopic,
            Integer partitions, Short replicationFactor) {
        this(bootstrapServers, embedded, embeddedControllerPort, alertsTopic, partitions, replicationFactor, null, null,
                null, null);
    }

    static KafkaConfig defaults() {
        return new KafkaConfig(null, null, null, null, null, null);
    }

    /** Whether Vigil starts its own broker. */
    public boolean usesEmbedded() {
        return bootstrapServers == null;
    }
}
