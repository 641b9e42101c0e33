package dev.vigil.storage.object;

import dev.vigil.core.config.ObjectStoreConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InsufficientDataException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import io.minio.messages.Item;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * {@link ObjectStore} over the MinIO Java SDK, for MinIO, the embedded S3 server and any other
 * S3-compatible server (path-style addressing).
 *
 * <p>Timeouts: connect 10 s; read and write 2 min of inactivity per call. Uploads above 5 MiB go
 * up as multipart uploads of 5 MiB parts (bigger parts beyond 48 GiB), each part buffered in
 * memory by the SDK, so a put holds up to one part of heap.
 *
 * <p>Implementation note: the SDK runs on an OkHttp client built here, not its default one, so
 * that {@link #close()} can stop OkHttp's dispatcher threads and drop pooled connections (the
 * SDK's own client would leave daemon threads behind). SDK exceptions are translated to
 * {@link VigilException} in {@link #failure}: S3 error codes first (a HEAD of a missing key comes
 * back as {@code NoSuchKey} too), then the HTTP status, then the I/O cause.
 */
public final class MinioObjectStore implements ObjectStore {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration IO_TIMEOUT = Duration.ofMinutes(2);
    /** Let the SDK pick the part size: 5 MiB, more only when 10,000 parts would not do. */
    private static final long SDK_PART_SIZE = -1;
    /** S3 allows 2 KiB of user metadata (names and values) per object. */
    static final int MAX_USER_METADATA_BYTES = 2048;
    private static final Pattern METADATA_KEY = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern METADATA_VALUE = Pattern.compile("[\\x20-\\x7E]*");

    private final String endpoint;
    private final String accessKey;
    private final OkHttpClient http;
    private final MinioClient client;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MinioObjectStore(String endpoint, String accessKey, OkHttpClient http, MinioClient client) {
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.http = http;
        this.client = client;
    }

    /**
     * Creates a store for {@code endpoint}, signing with {@code config.accessKey()} and
     * {@code secretKey} in {@code config.region()}. Does not contact the server.
     *
     * @param endpoint {@code http://host:port} or {@code https://host:port}; for the embedded
     *     server its real endpoint, otherwise usually {@code config.endpoint()}
     * @param secretKey the secret key; kept only inside the SDK's signer, never logged
     * @throws VigilException INVALID_ARGUMENT if the endpoint is not an http(s) URL without a path
     *     and without user info
     */
    public static MinioObjectStore create(ObjectStoreConfig config, String endpoint, String secretKey) {
        Objects.requireNonNull(config, "config");
        String checkedEndpoint = checkEndpoint(endpoint);
        if (secretKey == null || secretKey.isEmpty()) {
            throw VigilException.invalid("object store " + checkedEndpoint + ": the secret key (env "
                    + config.secretKeyEnv() + ") is empty");
        }
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(IO_TIMEOUT)
                .writeTimeout(IO_TIMEOUT)
                .protocols(List.of(Protocol.HTTP_1_1))
                .build();
        MinioClient client;
        try {
            client = MinioClient.builder()
                    .endpoint(checkedEndpoint)
                    .region(config.region())
                    .credentials(config.accessKey(), secretKey)
                    .httpClient(http, false)
                    .build();
        } catch (IllegalArgumentException e) {
            shutDown(http);
            throw new VigilException(ErrorKind.INVALID_ARGUMENT,
                    "object store " + checkedEndpoint + ": " + e.getMessage(), e);
        }
        return new MinioObjectStore(checkedEndpoint, config.accessKey(), http, client);
    }

    private static String checkEndpoint(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw VigilException.invalid("object store endpoint is empty");
        }
        URI uri;
        try {
            uri = URI.create(endpoint.strip());
        } catch (IllegalArgumentException e) {
            throw VigilException.invalid("object store endpoint is not a URL: " + e.getMessage());
        }
        if (uri.getRawUserInfo() != null) {
            // Do not echo it: the user info may hold a secret.
            throw VigilException.invalid("object store endpoint must not contain user info; set the"
                    + " access key and the secret key's environment variable instead");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw VigilException.invalid("object store endpoint must be http://host[:port] or"
                    + " https://host[:port], was " + endpoint);
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !"/".equals(uri.getRawPath())
                || uri.getRawQuery() != null) {
            throw VigilException.invalid("object store endpoint must have no path or query, was " + endpoint);
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }

    /** The endpoint this store talks to, e.g. {@code http://127.0.0.1:9000}. */
    public String endpoint() {
        return endpoint;
    }

    @Override
    public void ensureBucket(String bucket) {
        checkOpen();
        try {
            if (client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                return;
            }
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            VigilException failure = failure("create bucket", bucket, null, e);
            if (failure.kind() != ErrorKind.ALREADY_EXISTS) {
                throw failure;
            }
            // Another node created it between our check and our create: that is what we wanted.
        }
    }

    @Override
    public String put(String bucket, String key, InputStream data, long size, String contentType,
            Map<String, String> userMetadata) {
        checkOpen();
        Objects.requireNonNull(data, "data");
        if (size < 0) {
            throw VigilException.invalid("put " + bucket + "/" + key + ": size must not be negative, was " + size);
        }
        Map<String, String> metadata = checkUserMetadata(bucket, key, userMetadata);
        try {
            PutObjectArgs.Builder args = PutObjectArgs.builder()
                    .bucket(bucket)
                    .object(key)
                    .stream(data, size, SDK_PART_SIZE)
                    .contentType(contentType != null ? contentType : "application/octet-stream");
            if (!metadata.isEmpty()) {
                args.userMetadata(metadata);
            }
            return unquote(client.putObject(args.build()).etag());
        } catch (Exception e) {
            throw failure("put", bucket, key, e);
        }
    }

    @Override
    public InputStream get(String bucket, String key) {
        checkOpen();
        try {
            return client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw failure("get", bucket, key, e);
        }
    }

    @Override
    public InputStream get(String bucket, String key, ByteRange range) {
        checkOpen();
        Objects.requireNonNull(range, "range");
        try {
            GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(bucket).object(key).offset(range.offset());
            if (!range.toEnd()) {
                args.length(range.length());
            }
            return client.getObject(args.build());
        } catch (Exception e) {
            throw failure("get " + range, bucket, key, e);
        }
    }

    @Override
    public ObjectStat stat(String bucket, String key) {
        checkOpen();
        StatObjectResponse response;
        try {
            response = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw failure("stat", bucket, key, e);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        response.userMetadata().forEach((name, value) -> metadata.put(name.toLowerCase(Locale.ROOT), value));
        return new ObjectStat(bucket, key, response.size(), response.contentType(), unquote(response.etag()),
                response.lastModified() != null ? response.lastModified().toInstant() : null, metadata);
    }

    @Override
    public List<ObjectEntry> list(String bucket, String prefix, int limit) {
        checkOpen();
        Objects.requireNonNull(prefix, "prefix");
        if (limit < 1) {
            throw VigilException.invalid("list " + bucket + "/" + prefix + ": limit must be at least 1, was " + limit);
        }
        List<ObjectEntry> entries = new ArrayList<>();
        try {
            Iterable<Result<Item>> results = client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket)
                    .prefix(prefix)
                    .recursive(true)
                    .maxKeys(Math.min(limit, 1000))
                    .build());
            for (Result<Item> result : results) {
                Item item = result.get();
                if (item.isDir()) {
                    continue;
                }
                Instant modified = item.lastModified() != null ? item.lastModified().toInstant() : null;
                entries.add(new ObjectEntry(item.objectName(), item.size(), modified, unquote(item.etag())));
                if (entries.size() == limit) {
                    break;
                }
            }
        } catch (Exception e) {
            throw failure("list prefix '" + prefix + "'", bucket, null, e);
        }
        return List.copyOf(entries);
    }

    @Override
    public void remove(String bucket, String key) {
        checkOpen();
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw failure("remove", bucket, key, e);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            shutDown(http);
        }
    }

    private static void shutDown(OkHttpClient http) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        try {
            http.dispatcher().executorService().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "MinioObjectStore[endpoint=" + endpoint + ", accessKey=" + accessKey + "]";
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new VigilException(ErrorKind.FAILED_PRECONDITION, "object store " + endpoint + " is closed");
        }
    }

    private static Map<String, String> checkUserMetadata(String bucket, String key, Map<String, String> userMetadata) {
        if (userMetadata == null || userMetadata.isEmpty()) {
            return Map.of();
        }
        Map<String, String> checked = new LinkedHashMap<>();
        int bytes = 0;
        for (Map.Entry<String, String> entry : userMetadata.entrySet()) {
            String name = Objects.requireNonNull(entry.getKey(), "metadata key").toLowerCase(Locale.ROOT);
            String value = Objects.requireNonNull(entry.getValue(), "metadata value");
            if (!METADATA_KEY.matcher(name).matches()) {
                throw VigilException.invalid("put " + bucket + "/" + key + ": metadata key '" + name
                        + "' must be [a-z0-9-], starting with a letter or digit");
            }
            if (!METADATA_VALUE.matcher(value).matches()) {
                throw VigilException.invalid("put " + bucket + "/" + key + ": metadata value of '" + name
                        + "' must be printable US-ASCII");
            }
            bytes += name.length() + value.getBytes(StandardCharsets.US_ASCII).length;
            checked.put(name, value);
        }
        if (bytes > MAX_USER_METADATA_BYTES) {
            throw VigilException.invalid("put " + bucket + "/" + key + ": user metadata is " + bytes
                    + " bytes, at most " + MAX_USER_METADATA_BYTES + " allowed");
        }
        return checked;
    }

    private static String unquote(String etag) {
        if (etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
            return etag.substring(1, etag.length() - 1);
        }
        return etag;
    }

    /** Translates an SDK or I/O failure of {@code operation} into a {@link VigilException}. */
    VigilException failure(String operation, String bucket, String key, Exception e) {
        String what = "object store " + endpoint + ": " + operation + " " + bucket + (key != null ? "/" + key : "");
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new VigilException(ErrorKind.UNAVAILABLE, what + ": interrupted", e);
        }
        if (e instanceof ErrorResponseException error) {
            String code = error.errorResponse() != null ? error.errorResponse().code() : null;
            int status = error.response() != null ? error.response().code() : 0;
            String detail = code + (error.errorResponse() != null && error.errorResponse().message() != null
                    ? " (" + error.errorResponse().message() + ")" : "") + ", HTTP " + status;
            return new VigilException(kindOf(code, status), what + ": " + detail, e);
        }
        if (e instanceof ServerException server) {
            return new VigilException(ErrorKind.UNAVAILABLE, what + ": server error HTTP " + server.statusCode(), e);
        }
        if (e instanceof InvalidResponseException) {
            return new VigilException(ErrorKind.UNAVAILABLE, what + ": the server's answer is not S3 ("
                    + e.getMessage() + ")", e);
        }
        if (e instanceof InsufficientDataException) {
            return new VigilException(ErrorKind.INVALID_ARGUMENT, what + ": the input stream ended before its"
                    + " declared size", e);
        }
        if (e instanceof IllegalArgumentException) {
            return new VigilException(ErrorKind.INVALID_ARGUMENT, what + ": " + e.getMessage(), e);
        }
        if (e instanceof InterruptedIOException) {
            return new VigilException(ErrorKind.DEADLINE_EXCEEDED, what + ": timed out (" + e.getMessage() + ")", e);
        }
        if (e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException) {
            return new VigilException(ErrorKind.UNAVAILABLE, what + ": cannot connect (" + e.getMessage() + ")", e);
        }
        if (e instanceof java.io.IOException) {
            return new VigilException(ErrorKind.UNAVAILABLE, what + ": " + e, e);
        }
        if (e instanceof GeneralSecurityException) {
            return new VigilException(ErrorKind.INTERNAL, what + ": cannot sign the request (" + e.getMessage() + ")", e);
        }
        return new VigilException(ErrorKind.INTERNAL, what + ": " + e, e);
    }

    /** The kind of an S3 error: by its code where the code is telling, else by HTTP status. */
    static ErrorKind kindOf(String code, int status) {
        if (code != null) {
            switch (code) {
                case "NoSuchKey", "NoSuchBucket", "NoSuchUpload", "NoSuchVersion", "ResourceNotFound":
                    return ErrorKind.NOT_FOUND;
                case "BucketAlreadyOwnedByYou", "BucketAlreadyExists":
                    return ErrorKind.ALREADY_EXISTS;
                case "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken":
                    return ErrorKind.UNAUTHENTICATED;
                case "AccessDenied", "AllAccessDisabled":
                    return ErrorKind.PERMISSION_DENIED;
                case "RequestTimeTooSkewed":
                    return ErrorKind.FAILED_PRECONDITION;
                case "InvalidRange", "InvalidBucketName", "InvalidArgument", "KeyTooLongError",
                        "MetadataTooLarge", "InvalidDigest", "BadDigest", "IncompleteBody":
                    return ErrorKind.INVALID_ARGUMENT;
                case "EntityTooLarge", "QuotaExceeded", "XMinioStorageFull":
                    return ErrorKind.RESOURCE_EXHAUSTED;
                case "SlowDown", "ServiceUnavailable", "InternalError", "RequestTimeout",
                        "XMinioServerNotInitialized":
                    return ErrorKind.UNAVAILABLE;
                default:
                    break;
            }
        }
        if (status == 404) {
            return ErrorKind.NOT_FOUND;
        }
        if (status == 401) {
            return ErrorKind.UNAUTHENTICATED;
        }
        if (status == 403) {
            return ErrorKind.PERMISSION_DENIED;
        }
        if (status == 409 || status == 412) {
            return ErrorKind.FAILED_PRECONDITION;
        }
        if (status == 400 || status == 411 || status == 416) {
            return ErrorKind.INVALID_ARGUMENT;
        }
        if (status == 429 || status >= 500) {
            return ErrorKind.UNAVAILABLE;
        }
        return ErrorKind.INTERNAL;
    }
}
