package dev.vigil.app;

import dev.vigil.core.config.KafkaConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Verifies that Kafka answers and that Vigil's topics exist ({@code kafka.alertsTopic},
 * {@code kafka.dlqTopic}, {@code kafka.acksTopic}), creating the missing ones with the configured
 * partitions and replication (the same call against the embedded broker or a cluster; the alert
 * and DLQ topics with {@code max.message.bytes = kafka.maxMessageBytes}), then keeps one admin
 * client for readiness pings. A topic that exists is kept as it is; one whose partition count
 * differs from the config is logged (more partitions change which partition a camera's key maps to,
 * so Vigil never adds them itself).
 */
public final class KafkaTopics implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(KafkaTopics.class);
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final Set<String> topics;
    private final Admin admin;

    private KafkaTopics(String bootstrapServers, Set<String> topics, Admin admin) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.admin = admin;
    }

    public static KafkaTopics connect(KafkaConfig config, String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "vigil-admin");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        List<String> wanted = List.of(config.alertsTopic(), config.dlqTopic(), config.acksTopic());
        Admin admin = Admin.create(props);
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            for (String topic : wanted) {
                if (existing.contains(topic)) {
                    verify(admin, topic, config.partitions());
                    continue;
                }
                Map<String, String> settings = new java.util.HashMap<>();
                settings.put("min.insync.replicas", Integer.toString(Math.max(1, config.replicationFactor() - 1)));
                if (!topic.equals(config.acksTopic())) {
                    settings.put("max.message.bytes", Integer.toString(config.maxMessageBytes()));
                }
                try {
                    admin.createTopics(List.of(new NewTopic(topic, config.partitions(), config.replicationFactor())
                                    .configs(settings)))
                            .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    log.info("kafka: created topic {} ({} partitions, replication {})", topic, config.partitions(),
                            config.replicationFactor());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            return new KafkaTopics(bootstrapServers, Set.copyOf(wanted), admin);
        } catch (ExecutionException | TimeoutException e) {
            admin.close(Duration.ofSeconds(5));
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new VigilException(ErrorKind.UNAVAILABLE, "kafka at " + bootstrapServers
                    + " did not answer within " + TIMEOUT.toSeconds() + " s: " + cause, cause);
        } catch (InterruptedException e) {
            admin.close(Duration.ofSeconds(5));
            Thread.currentThread().interrupt();
            throw new VigilException(ErrorKind.UNAVAILABLE, "interrupted while checking kafka topics", e);
        } catch (RuntimeException e) {
            admin.close(Duration.ofSeconds(5));
            throw e;
        }
    }

    private static void verify(Admin admin, String topic, int partitions)
            throws ExecutionException, TimeoutException, InterruptedException {
        int found = admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .get(topic).partitions().size();
        if (found != partitions) {
            log.warn("kafka: topic {} has {} partitions, kafka.partitions says {}; kept as it is", topic, found,
                    partitions);
        } else {
            log.info("kafka: topic {} exists ({} partitions)", topic, found);
        }
    }

    /** {@code null} when the cluster answers within {@code timeout}, else the problem. */
    public String ping(Duration timeout) {
        try {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return "kafka: " + e.getCause().getClass().getSimpleName();
        } catch (TimeoutException e) {
            return "kafka: no answer within " + timeout.toMillis() + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "kafka: interrupted";
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Set<String> topics() {
        return topics;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return "KafkaTopics[" + bootstrapServers + " " + topics + "]";
    }
}
