package dev.vigil.core.config;

/**
 * The S3-compatible object store (MinIO in production).
 *
 * @param endpoint e.g. {@code http://minio:9000}; empty means start the embedded S3 server
 * @param accessKey default {@code vigil}
 * @param secretKeyEnv the environment variable holding the secret key; default
 *     {@code VIGIL_S3_SECRET_KEY}. The embedded server, when that variable is unset, uses a secret
 *     generated once and kept in {@code <dataDir>/s3/secret-key} (mode 0600).
 * @param region default {@code us-east-1}
 * @param embedded where the embedded server listens
 * @param segmentsBucket default {@code vigil-segments}
 * @param clipsBucket default {@code vigil-clips}
 * @param snapshotsBucket default {@code vigil-snapshots}
 * @param exportsBucket evidence export jobs' files (MP4 parts, manifest, signature); default
 *     {@code vigil-exports}
 */
public record ObjectStoreConfig(
        String endpoint,
        String accessKey,
        String secretKeyEnv,
        String region,
        Listen embedded,
        String segmentsBucket,
        String clipsBucket,
        String snapshotsBucket,
        String exportsBucket) {

    public ObjectStoreConfig {
        endpoint = ConfigDefaults.orDefault(endpoint, (String) null);
        accessKey = ConfigDefaults.orDefault(accessKey, "vigil");
        secretKeyEnv = ConfigDefaults.orDefault(secretKeyEnv, "VIGIL_S3_SECRET_KEY");
        region = ConfigDefaults.orDefault(region, "us-east-1");
        embedded = embedded != null ? embedded.withDefaults("127.0.0.1", 9000) : new Listen("127.0.0.1", 9000);
        segmentsBucket = ConfigDefaults.orDefault(segmentsBucket, "vigil-segments");
        clipsBucket = ConfigDefaults.orDefault(clipsBucket, "vigil-clips");
        snapshotsBucket = ConfigDefaults.orDefault(snapshotsBucket, "vigil-snapshots");
        exportsBucket = ConfigDefaults.orDefault(exportsBucket, "vigil-exports");
    }

    /** With the default exports bucket. */
    public ObjectStoreConfig(String endpoint, String accessKey, String secretKeyEnv, String region, Listen embedded,
            String segmentsBucket, String clipsBucket, String snapshotsBucket) {
        this(endpoint, accessKey, secretKeyEnv, region, embedded, segmentsBucket, clipsBucket, snapshotsBucket, null);
    }

    static ObjectStoreConfig defaults() {
        return new ObjectStoreConfig(null, null, null, null, null, null, null, null, null);
    }

    /** Whether Vigil starts its own S3 server. */
    public boolean usesEmbedded() {
        return endpoint == null;
    }
}
