package dev.vigil.core.config;

/**
 * Defaults of the RTSP gateway that apply to every camera.
 *
 * @param connectTimeoutMs TCP connect timeout; default 5000
 * @param requestTimeoutMs how long an RTSP request may wait for its answer; default 10000
 * @param noDataTimeoutMs a playing session with no RTP for this long is restarted; default 10000
 * @param backoffMaxMs the cap of the reconnect backoff; default 30000
 */
public record IngestConfig(Integer connectTimeoutMs, Integer requestTimeoutMs, Integer noDataTimeoutMs,
        Integer backoffMaxMs) {
    public IngestConfig {
        connectTimeoutMs = ConfigDefaults.orDefault(connectTimeoutMs, 5000);
        requestTimeoutMs = ConfigDefaults.orDefault(requestTimeoutMs, 10000);
        noDataTimeoutMs = ConfigDefaults.orDefault(noDataTimeoutMs, 10000);
        backoffMaxMs = ConfigDefaults.orDefault(backoffMaxMs, 30000);
    }

    static IngestConfig defaults() {
        return new IngestConfig(null, null, null, null);
    }
}
