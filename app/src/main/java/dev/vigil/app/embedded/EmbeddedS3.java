package dev.vigil.app.embedded;

import dev.vigil.core.config.Listen;
import dev.vigil.core.config.ObjectStoreConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible server inside this process (S3Proxy over its {@code filesystem-nio2} backend),
 * for the default run: buckets are directories under {@code <dataDir>/s3/buckets}, objects are
 * files, user metadata and content type are extended attributes of those files (the file system
 * must support user xattrs; ext4, xfs and btrfs do).
 *
 * <p>It listens on {@code config.embedded()} only (default {@code 127.0.0.1:9000}; port 0 picks a
 * free port, see {@link #port()}) and requires AWS signature v2 or v4 with the access key
 * {@code config.accessKey()} and a secret key taken from the environment variable
 * {@code config.secretKeyEnv()} if set, otherwise from {@code <dataDir>/s3/secret-key}, generated on
 * first start (mode 0600) and reused after. The secret is never logged.
 *
 * <p>Supported through the MinIO SDK: buckets, put (single and multipart), get (whole and ranged),
 * stat with user metadata, list, remove, presigned URLs. Not supported: lifecycle, versioning,
 * object lock, tagging, bucket policies.
 *
 * <p>Threads: a Jetty pool of at most {@value #MAX_THREADS}. {@link #close()} waits at most
 * {@link #STOP_TIMEOUT_MS} ms for requests in flight.
 */
public final class EmbeddedS3 implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3.class);

    /** Jetty's thread limit; the default run's uploads are a few per camera at most. */
    static final int MAX_THREADS = 64;
    /** How long {@link #close()} lets in-flight requests finish. */
    static final long STOP_TIMEOUT_MS = 5_000;

    private final S3Proxy proxy;
    private final String endpoint;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private final Path bucketsDir;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedS3(S3Proxy proxy, String endpoint, int port, String accessKey, String secretKey, Path bucketsDir) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.bucketsDir = bucketsDir;
    }

    /**
     * Starts the server and returns once it accepts connections.
     *
     * @param config the object store config: {@code embedded()} is where to listen, {@code accessKey()}
     *     and {@code secretKeyEnv()} are the credentials
     * @param dataDir the node's data directory; the server keeps everything under {@code dataDir/s3}
     * @param env the process environment ({@code System.getenv()}), where the secret may be
     * @throws VigilException UNAVAILABLE if the port is taken or the directory cannot be used
     */
    public static EmbeddedS3 start(ObjectStoreConfig config, Path dataDir, Map<String, String> env) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(env, "env");
        Path s3Dir = dataDir.toAbsolutePath().normalize().resolve("s3");
        Path bucketsDir = s3Dir.resolve("buckets");
        try {
            Files.createDirectories(bucketsDir);
        } catch (IOException e) {
            throw new VigilException(ErrorKind.UNAVAILABLE, "embedded S3: cannot create " + bucketsDir + ": " + e, e);
        }
        String fromEnv = env.get(config.secretKeyEnv());
        String secretKey = secretKeyOf(config, dataDir, env);

        Listen listen = config.embedded();
        long started = System.nanoTime();
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(bucketsDir.toString()))
                .endpoint(URI.create("http://" + Addresses.uriHost(listen.bind()) + ":" + listen.port()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, config.accessKey(), secretKey)
                .jettyMaxThreads(MAX_THREADS)
                .stopTimeout(STOP_TIMEOUT_MS)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            stopQuietly(proxy);
            ErrorKind kind = e instanceof BindException || e.getCause() instanceof BindException
                    ? ErrorKind.UNAVAILABLE : ErrorKind.INTERNAL;
            throw new VigilException(kind, "embedded S3: cannot listen on " + listen.bind() + ":" + listen.port()
                    + ": " + e.getMessage(), e);
        }
        int port = proxy.getPort();
        String endpoint = "http://" + Addresses.uriHost(Addresses.clientHost(listen.bind())) + ":" + port;
        log.info("embedded S3 listening on {}:{} ({} ms), buckets in {}, secret key from {}", listen.bind(), port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), bucketsDir,
                fromEnv != null && !fromEnv.isBlank() ? "env " + config.secretKeyEnv() : s3Dir.resolve("secret-key"));
        return new EmbeddedS3(proxy, endpoint, port, config.accessKey(), secretKey, bucketsDir);
    }

    /**
     * Where local clients reach the embedded server that {@code config} describes, listening on its
     * configured port (a process other than the one that started it, such as {@code ./vigil export}).
     */
    public static String endpointOf(ObjectStoreConfig config) {
        Listen listen = config.embedded();
        return "http://" + Addresses.uriHost(Addresses.clientHost(listen.bind())) + ":" + listen.port();
    }

    /**
     * The secret key the embedded server of {@code dataDir} signs with: the environment variable
     * {@code config.secretKeyEnv()} when set, else {@code <dataDir>/s3/secret-key} (generated if
     * absent). Do not log it.
     */
    public static String secretKeyOf(ObjectStoreConfig config, Path dataDir, Map<String, String> env) {
        String fromEnv = env.get(config.secretKeyEnv());
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv.strip()
                : SecretKeyFile.readOrCreate(dataDir.toAbsolutePath().normalize().resolve("s3").resolve("secret-key"));
    }

    /** Where local clients reach the server, e.g. {@code http://127.0.0.1:9000}. */
    public String endpoint() {
        return endpoint;
    }

    /** The port it listens on (the real one when the config said 0). */
    public int port() {
        return port;
    }

    /** The access key clients sign with. */
    public String accessKey() {
        return accessKey;
    }

    /** The secret key clients sign with. Do not log it. */
    public String secretKey() {
        return secretKey;
    }

    /** The directory that holds one sub-directory per bucket. */
    public Path bucketsDir() {
        return bucketsDir;
    }

    /** Stops accepting, lets requests in flight finish (bounded), and stops. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stopQuietly(proxy);
            log.info("embedded S3 on port {} stopped", port);
        }
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            log.warn("embedded S3: stopping failed: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "EmbeddedS3[" + endpoint + ", accessKey=" + accessKey + "]";
    }
}
