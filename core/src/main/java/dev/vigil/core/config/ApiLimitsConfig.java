package dev.vigil.core.config;

/**
 * What the API accepts of one client. A request over a size limit is answered 413 or 431, one
 * over the rate 429 with {@code Retry-After}, one not received in time 408; none of them reaches
 * a route.
 *
 * @param maxBodyBytes largest request body; default 65536 (64 KiB)
 * @param maxHeaderBytes largest header block; default 8192
 * @param requestsPerSecond sustained requests per second per token; default 20
 * @param burst requests a token may make at once before the rate applies; default 40
 * @param readTimeoutSeconds time to receive a whole request (line, headers, body), and how long an
 *     idle keep-alive connection stays open; default 30
 * @param writeTimeoutSeconds how long a response may wait for a client that does not read; default 60
 * @param workerThreads threads that run route handlers (they may block on the catalog or S3); default 8
 */
public record ApiLimitsConfig(Integer maxBodyBytes, Integer maxHeaderBytes, Double requestsPerSecond, Integer burst,
        Integer readTimeoutSeconds, Integer writeTimeoutSeconds, Integer workerThreads) {
    public ApiLimitsConfig {
        maxBodyBytes = ConfigDefaults.orDefault(maxBodyBytes, 64 * 1024);
        maxHeaderBytes = ConfigDefaults.orDefault(maxHeaderBytes, 8192);
        requestsPerSecond = ConfigDefaults.orDefault(requestsPerSecond, 20.0);
        burst = ConfigDefaults.orDefault(burst, 40);
        readTimeoutSeconds = ConfigDefaults.orDefault(readTimeoutSeconds, 30);
        writeTimeoutSeconds = ConfigDefaults.orDefault(writeTimeoutSeconds, 60);
        workerThreads = ConfigDefaults.orDefault(workerThreads, 8);
    }

    public static ApiLimitsConfig defaults() {
        return new ApiLimitsConfig(null, null, null, null, null, null, null);
    }
}
