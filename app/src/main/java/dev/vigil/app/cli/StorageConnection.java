package dev.vigil.app.cli;

import dev.vigil.app.embedded.EmbeddedS3;
import dev.vigil.core.config.ConfigException;
import dev.vigil.core.config.Listen;
import dev.vigil.core.config.ObjectStoreConfig;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.storage.catalog.Catalog;
import dev.vigil.storage.object.MinioObjectStore;
import dev.vigil.storage.object.ObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The catalog and object store of a configuration, opened by a command that runs beside a node or
 * without one: the embedded H2 catalog is reached through the node's auto server when the node
 * holds it (see {@link Catalog}); the embedded S3 server of the data directory is used where it
 * answers on its configured port, and otherwise started in this process on a free port for the
 * command's duration. Closing closes what was opened, in reverse order.
 */
final class StorageConnection implements AutoCloseable {
    private final Catalog catalog;
    private final ObjectStore store;
    private final EmbeddedS3 startedS3;

    private StorageConnection(Catalog catalog, ObjectStore store, EmbeddedS3 startedS3) {
        this.catalog = catalog;
        this.store = store;
        this.startedS3 = startedS3;
    }

    /**
     * @throws VigilException NOT_FOUND when the embedded catalog does not exist (wrong data
     *     directory); UNAVAILABLE when the catalog or the store cannot be reached; ConfigException
     *     when the external store's secret is not in the environment
     */
    static StorageConnection open(VigilConfig config, Map<String, String> env) {
        Path dataDir = Path.of(config.node().dataDir()).toAbsolutePath().normalize();
        if (config.catalog().usesEmbedded() && !Files.exists(dataDir.resolve("catalog").resolve("vigil.mv.db"))) {
            throw new VigilException(ErrorKind.NOT_FOUND, "no catalog in " + dataDir + " (nothing recorded there;"
                    + " is node.dataDir or --data-dir right?)");
        }
        ObjectStoreConfig s3 = config.objectStore();
        Catalog catalog = Catalog.open(config.catalog(), dataDir, env);
        ObjectStore store = null;
        EmbeddedS3 started = null;
        try {
            if (s3.usesEmbedded()) {
                String secret = EmbeddedS3.secretKeyOf(s3, dataDir, env);
                store = MinioObjectStore.create(s3, EmbeddedS3.endpointOf(s3), secret);
                if (!answers(store, s3.segmentsBucket())) {
                    store.close();
                    store = null;
                    started = EmbeddedS3.start(new ObjectStoreConfig(null, s3.accessKey(), s3.secretKeyEnv(),
                            s3.region(), new Listen(s3.embedded().bind(), 0), s3.segmentsBucket(), s3.clipsBucket(),
                            s3.snapshotsBucket()), dataDir, env);
                    store = MinioObjectStore.create(s3, started.endpoint(), started.secretKey());
                }
            } else {
                String secret = env.get(s3.secretKeyEnv());
                if (secret == null || secret.isEmpty()) {
                    throw new ConfigException(java.util.List.of("objectStore.secretKeyEnv: $" + s3.secretKeyEnv()
                            + " is not set"));
                }
                store = MinioObjectStore.create(s3, s3.endpoint(), secret);
            }
            return new StorageConnection(catalog, store, started);
        } catch (RuntimeException e) {
            if (store != null) {
                store.close();
            }
            if (started != null) {
                started.close();
            }
            catalog.close();
            throw e;
        }
    }

    /** Whether the store answers; UNAVAILABLE (nothing listening) is false, other failures are thrown. */
    private static boolean answers(ObjectStore store, String bucket) {
        try {
            store.list(bucket, "", 1);
            return true;
        } catch (VigilException e) {
            if (e.kind() == ErrorKind.UNAVAILABLE || e.kind() == ErrorKind.DEADLINE_EXCEEDED) {
                return false;
            }
            if (e.kind() == ErrorKind.NOT_FOUND) {
                return true; // it answers; the bucket is missing, which the export reports per object
            }
            throw e;
        }
    }

    Catalog catalog() {
        return catalog;
    }

    ObjectStore store() {
        return store;
    }

    /** Whether the embedded S3 server was started here (no node was serving the data directory). */
    boolean startedEmbeddedS3() {
        return startedS3 != null;
    }

    @Override
    public void close() {
        store.close();
        if (startedS3 != null) {
            startedS3.close();
        }
        catalog.close();
    }
}
