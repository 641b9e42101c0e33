package dev.vigil.core.config;

/**
 * Defaults of the RTSP gateway that apply to every camera.
 *
 * @param connectTimeoutMs TCP connect timeout; default 5000
 * @param requestTimeoutMs how long an RTSP request may wait for its answer; default 10000
 * @param noDataTimeoutMs a playing session with no RTP for this long is restarted; default 10000
 * @param backoffMaxMs the cap of the reconnect backoff; default 30000
 * @param tlsTrustFile for {@code rtsps://} cameras: a PEM file of the certificates to trust instead
 *     of the JDK's trust store (cameras with self-signed certificates); optional
 */
public record IngestConfig(Integer connectTimeoutMs, Integer requestTimeoutMs, Integer noDataTimeoutMs,
        Integer backoffMaxMs, String tlsTrustFile) {

    /** All but the TLS trust file, which stays the JDK's. */
    public IngestConfig(Integer connectTimeoutMs, Integer requestTimeoutMs, Integer noDataTimeoutMs,
            Integer backoffMaxMs) {
        this(connectTimeoutMs, requestTimeoutMs, noDataTimeoutMs, backoffMaxMs, null);
    }

    public IngestConfig {
        connectTimeoutMs = ConfigDefaults.orDefault(connectTimeoutMs, 5000);
        requestTimeoutMs = ConfigDefaults.orDefault(requestTimeoutMs, 10000);
        noDataTimeoutMs = ConfigDefaults.orDefault(noDataTimeoutMs, 10000);
        backoffMaxMs = ConfigDefaults.orDefault(backoffMaxMs, 30000);
        tlsTrustFile = ConfigDefaults.orDefault(tlsTrustFile, (String) null);
    }

    static IngestConfig defaults() {
        return new IngestConfig(null, null, null, null, null);
    }
}
