package dev.vigil.app.embedded;

import dev.vigil.core.config.KafkaConfig;
import dev.vigil.core.config.Listen;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-node Kafka cluster inside this process, for the default run: one {@link KafkaRaftServer}
 * acting as broker and KRaft controller at once, reached through the ordinary Kafka client at
 * {@link #bootstrapServers()}.
 *
 * <p>Listeners: PLAINTEXT on {@code config.embedded()} (default {@code 127.0.0.1:9092}) and the
 * controller on the same address at {@code config.embeddedControllerPort()} (default 9093); a port
 * of 0 picks a free one at each start. No TLS, no authentication: keep the bind address local.
 *
 * <p>Files: the logs and the metadata log under {@code <dataDir>/kafka/logs}; the cluster id in
 * {@code <dataDir>/kafka/cluster-id}. The first start formats the storage; later starts find it
 * formatted and keep every topic and record. One-node settings: internal topics with replication
 * factor 1 and min ISR 1, no delay before the first consumer group rebalance, no automatic topic
 * creation (Vigil creates its topics with {@code config.partitions()}), a small log cleaner buffer.
 *
 * <p>{@link #close()} shuts the broker down and waits at most {@link #SHUTDOWN_TIMEOUT}. Kafka
 * logs through SLF4J; its loggers ({@code kafka}, {@code org.apache.kafka}) are meant to run at WARN.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** How long start-up may take before the broker counts as failed. */
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    /** How long {@link #close()} waits for the broker to stop. */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    private static final int NODE_ID = 1;

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final String clusterId;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, String clusterId) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.clusterId = clusterId;
    }

    /**
     * Formats the storage if this data directory has none, starts the broker and returns once it
     * answers a client request.
     *
     * @param config {@code embedded()} and {@code embeddedControllerPort()} say where to listen
     * @param dataDir the node's data directory; the broker keeps everything under {@code dataDir/kafka}
     * @throws VigilException UNAVAILABLE if a port is taken or the broker does not come up within
     *     {@link #STARTUP_TIMEOUT}; INTERNAL if formatting fails
     */
    public static EmbeddedKafka start(KafkaConfig config, Path dataDir) {
        Objects.requireNonNull(config, "config");
        Path kafkaDir = dataDir.toAbsolutePath().normalize().resolve("kafka");
        Path logDir = kafkaDir.resolve("logs");
        Listen listen = config.embedded();
        String bind = listen.bind();
        int brokerPort = listen.port() != 0 ? listen.port() : Addresses.freePort(bind);
        int controllerPort = config.embeddedControllerPort() != 0
                ? config.embeddedControllerPort() : Addresses.freePort(bind);
        if (brokerPort == controllerPort) {
            throw VigilException.invalid("kafka.embedded.port and kafka.embeddedControllerPort must differ, both are "
                    + brokerPort);
        }
        long started = System.nanoTime();
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new VigilException(ErrorKind.UNAVAILABLE, "embedded Kafka: cannot create " + logDir + ": " + e, e);
        }
        String clusterId = readOrCreateClusterId(kafkaDir.resolve("cluster-id"));
        Map<String, String> settings = settings(bind, brokerPort, controllerPort, logDir);
        boolean formatted = Files.exists(logDir.resolve("meta.properties"));
        if (!formatted) {
            format(kafkaDir, clusterId, settings);
        }

        KafkaRaftServer server;
        try {
            server = new KafkaRaftServer(new kafka.server.KafkaConfig(settings, false), Time.SYSTEM);
        } catch (RuntimeException e) {
            throw new VigilException(ErrorKind.INTERNAL, "embedded Kafka: bad settings: " + e.getMessage(), e);
        }
        String bootstrap = Addresses.uriHost(Addresses.clientHost(bind)) + ":" + brokerPort;
        try {
            server.startup();
            awaitReady(bootstrap);
        } catch (RuntimeException e) {
            shutDown(server);
            if (e instanceof VigilException vigil) {
                throw vigil;
            }
            throw new VigilException(ErrorKind.UNAVAILABLE, "embedded Kafka: cannot start on " + bind + " ports "
                    + brokerPort + "/" + controllerPort + ": " + e.getMessage(), e);
        }
        log.info("embedded Kafka listening on {}:{} (controller {}), {} ({} ms), cluster {}, logs in {}", bind,
                brokerPort, controllerPort, formatted ? "existing storage" : "new storage",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), clusterId, logDir);
        return new EmbeddedKafka(server, bootstrap, clusterId);
    }

    /** The broker settings: one node, both roles, PLAINTEXT. */
    static Map<String, String> settings(String bind, int brokerPort, int controllerPort, Path logDir) {
        String host = Addresses.uriHost(bind);
        String advertised = Addresses.uriHost(Addresses.isWildcard(bind) ? Addresses.canonicalHostName() : bind);
        String controllerHost = Addresses.uriHost(Addresses.clientHost(bind));
        Map<String, String> s = new TreeMap<>();
        s.put("process.roles", "broker,controller");
        s.put("node.id", Integer.toString(NODE_ID));
        s.put("controller.quorum.voters", NODE_ID + "@" + controllerHost + ":" + controllerPort);
        s.put("listeners", "PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort);
        s.put("advertised.listeners", "PLAINTEXT://" + advertised + ":" + brokerPort);
        s.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        s.put("controller.listener.names", "CONTROLLER");
        s.put("inter.broker.listener.name", "PLAINTEXT");
        s.put("log.dirs", logDir.toString());
        s.put("metadata.log.dir", logDir.toString());
        // One node: nothing to replicate to.
        s.put("offsets.topic.replication.factor", "1");
        s.put("offsets.topic.num.partitions", "5");
        s.put("transaction.state.log.replication.factor", "1");
        s.put("transaction.state.log.min.isr", "1");
        s.put("transaction.state.log.num.partitions", "5");
        s.put("share.coordinator.state.topic.replication.factor", "1");
        s.put("share.coordinator.state.topic.min.isr", "1");
        s.put("default.replication.factor", "1");
        s.put("min.insync.replicas", "1");
        s.put("group.initial.rebalance.delay.ms", "0");
        s.put("auto.create.topics.enable", "false");
        // Small footprint: the default cleaner buffer alone is 128 MiB of heap.
        s.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        s.put("num.network.threads", "2");
        s.put("num.io.threads", "4");
        return s;
    }

    private static String readOrCreateClusterId(Path file) {
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.US_ASCII).strip();
                Uuid.fromString(id);
                return id;
            }
            String id = Uuid.randomUuid().toString();
            Files.writeString(file, id + "\n", StandardCharsets.US_ASCII);
            return id;
        } catch (IOException e) {
            throw new VigilException(ErrorKind.UNAVAILABLE, "embedded Kafka: cluster id file " + file + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new VigilException(ErrorKind.DATA_LOSS, "embedded Kafka: cluster id file " + file
                    + " does not hold a Kafka cluster id: " + e.getMessage(), e);
        }
    }

    /**
     * Formats empty storage with {@link StorageTool#execute} ({@code main} would exit the JVM). The
     * tool reads its settings from a file, written for the occasion and removed after.
     */
    private static void format(Path kafkaDir, String clusterId, Map<String, String> settings) {
        Path settingsFile = kafkaDir.resolve("format.properties");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int rc;
        try {
            Properties properties = new Properties();
            properties.putAll(settings);
            try (OutputStream out = Files.newOutputStream(settingsFile)) {
                properties.store(out, "written by Vigil to format the embedded Kafka storage");
            }
            try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                rc = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", settingsFile.toString()}, print);
            }
        } catch (IOException e) {
            throw new VigilException(ErrorKind.UNAVAILABLE, "embedded Kafka: cannot write " + settingsFile + ": " + e, e);
        } catch (RuntimeException e) {
            throw new VigilException(ErrorKind.INTERNAL, "embedded Kafka: formatting " + kafkaDir + " failed: "
                    + e.getMessage() + " " + output.toString(StandardCharsets.UTF_8).strip(), e);
        } finally {
            try {
                Files.deleteIfExists(settingsFile);
            } catch (IOException e) {
                log.warn("embedded Kafka: cannot remove {}: {}", settingsFile, e.toString());
            }
        }
        if (rc != 0) {
            throw new VigilException(ErrorKind.INTERNAL, "embedded Kafka: formatting " + kafkaDir + " failed (exit "
                    + rc + "): " + output.toString(StandardCharsets.UTF_8).strip());
        }
        log.info("embedded Kafka: formatted new storage in {} for cluster {}", kafkaDir, clusterId);
    }

    /** Waits until the broker answers a metadata request naming itself. */
    private static void awaitReady(String bootstrap) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "vigil-embedded-kafka-probe");
        int timeoutMs = (int) STARTUP_TIMEOUT.toMillis();
        try (Admin admin = Admin.create(properties)) {
            Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                    .nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
            if (nodes.stream().noneMatch(node -> node.id() == NODE_ID)) {
                throw new VigilException(ErrorKind.UNAVAILABLE, "embedded Kafka at " + bootstrap
                        + " does not list itself among the cluster's nodes: " + nodes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VigilException(ErrorKind.UNAVAILABLE, "embedded Kafka: interrupted while starting", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new VigilException(ErrorKind.UNAVAILABLE, "embedded Kafka at " + bootstrap + " did not answer within "
                    + STARTUP_TIMEOUT + ": " + e, e);
        }
    }

    /** {@code host:port} for the Kafka clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The cluster id, the same across restarts on one data directory. */
    public String clusterId() {
        return clusterId;
    }

    /** Shuts the broker down, waiting at most {@link #SHUTDOWN_TIMEOUT}. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            long started = System.nanoTime();
            if (shutDown(server)) {
                log.info("embedded Kafka at {} stopped ({} ms)", bootstrapServers,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
        }
    }

    /** Shuts down on a helper thread so that a stuck shutdown cannot hold the caller forever. */
    private static boolean shutDown(KafkaRaftServer server) {
        Thread stopper = new Thread(() -> {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (RuntimeException e) {
                log.warn("embedded Kafka: shutdown failed: {}", e.toString());
            }
        }, "vigil-embedded-kafka-shutdown");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(SHUTDOWN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopper.isAlive()) {
            log.warn("embedded Kafka did not stop within {}; leaving its threads behind", SHUTDOWN_TIMEOUT);
            return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers + ", cluster " + clusterId + "]";
    }
}
