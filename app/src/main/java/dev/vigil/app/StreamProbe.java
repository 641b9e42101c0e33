package dev.vigil.app;

import dev.vigil.core.codec.SequenceInfo;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.CredentialsConfig;
import dev.vigil.core.config.IngestConfig;
import dev.vigil.core.directory.ProbeReport;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Transport;
import dev.vigil.core.port.CameraProbe;
import dev.vigil.ingest.rtsp.SessionFailure;
import dev.vigil.ingest.supervisor.CameraHealth;
import dev.vigil.ingest.supervisor.Gateway;
import dev.vigil.ingest.supervisor.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The stream test of the API ({@link CameraProbe}): what {@code ./vigil probe --json} does, in
 * the node. A gateway of its own connects to the one camera with Vigil's RTSP client; the report
 * comes when pictures have flowed for the listening time, or at the first failure, or when
 * nothing came within the connection timeout. At most {@value #CONCURRENT} tests run at once;
 * more are RESOURCE_EXHAUSTED. The password goes to the gateway through its private environment
 * map, never into a URL or a log line.
 */
final class StreamProbe implements CameraProbe {
    /** Tests running at once. */
    static final int CONCURRENT = 2;
    /** How long a test waits for the first picture. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final CameraId CAMERA = CameraId.of("api-test");
    private static final String PASSWORD_VARIABLE = "VIGIL_API_TEST_PASSWORD";

    private final IngestConfig ingest;
    private final Semaphore running = new Semaphore(CONCURRENT);

    StreamProbe(IngestConfig ingest) {
        this.ingest = ingest;
    }

    @Override
    public ProbeReport probe(String url, Transport transport, String username, String password, int seconds) {
        if (seconds < 1 || seconds > 30) {
            throw VigilException.invalid("seconds must be within 1..30, was " + seconds);
        }
        if (!running.tryAcquire()) {
            throw new VigilException(ErrorKind.RESOURCE_EXHAUSTED, CONCURRENT + " stream tests are running; retry"
                    + " when one has finished");
        }
        try {
            return run(url, transport, username, password, seconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VigilException(ErrorKind.UNAVAILABLE, "the stream test was interrupted", e);
        } finally {
            running.release();
        }
    }

    private ProbeReport run(String url, Transport transport, String username, String password, int seconds)
            throws InterruptedException {
        Map<String, String> env = new HashMap<>();
        CredentialsConfig credentials = null;
        if (username != null) {
            env.put(PASSWORD_VARIABLE, password == null ? "" : password);
            credentials = new CredentialsConfig(username, PASSWORD_VARIABLE);
        }
        CameraConfig camera = new CameraConfig(CAMERA.value(), "api-test", null, null, url, null, transport,
                credentials, null, null, null, true);
        try (Gateway gateway = Gateway.start(List.of(camera), ingest, env, Clock.systemUTC(), 1);
                Subscription units = gateway.subscribe(CAMERA, 1024)) {
            AccessUnit first = awaitFirst(gateway, units, transport);
            if (first == null) {
                CameraHealth h = gateway.health(CAMERA);
                SessionFailure failure = h.lastFailure() != null ? h.lastFailure() : SessionFailure.TIMEOUT;
                return ProbeReport.failed(failure.label(), h.lastError() != null ? h.lastError()
                        : "no picture within " + CONNECT_TIMEOUT.toSeconds() + " s");
            }
            SequenceInfo sps = first.parameterSets() == null ? null : SequenceInfo.of(first.parameterSets());
            long firstPts = first.pts90k();
            long lastPts = firstPts;
            long counted = 1;
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < deadline) {
                AccessUnit unit = units.poll(Duration.ofMillis(100));
                if (unit != null) {
                    if (sps == null && unit.parameterSets() != null) {
                        sps = SequenceInfo.of(unit.parameterSets());
                    }
                    lastPts = unit.pts90k();
                    counted++;
                }
            }
            CameraHealth end = gateway.health(CAMERA);
            double fps = counted < 2 || lastPts <= firstPts ? 0 : (counted - 1) * 90_000.0 / (lastPts - firstPts);
            return new ProbeReport(true, null, null, end.server(), end.transport().name().toLowerCase(Locale.ROOT),
                    first.codec().wireName(), sps == null ? 0 : sps.width(), sps == null ? 0 : sps.height(),
                    Math.round(fps * 100) / 100.0, seconds, end.accessUnits(), end.keyframes(), end.bytes(),
                    Math.round(end.bytes() * 8.0 / seconds / 100.0) / 10.0, end.packetsLost(), end.reconnects());
        }
    }

    private static AccessUnit awaitFirst(Gateway gateway, Subscription units, Transport mode)
            throws InterruptedException {
        long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            AccessUnit unit = units.poll(Duration.ofMillis(100));
            if (unit != null) {
                return unit;
            }
            CameraHealth h = gateway.health(CAMERA);
            boolean fallbackPending = mode == Transport.AUTO && h.reconnects() < 2
                    && (h.lastFailure() == SessionFailure.TRANSPORT_REFUSED || h.lastFailure() == SessionFailure.TIMEOUT);
            if (h.lastFailure() != null && !fallbackPending) {
                return null;
            }
        }
        return null;
    }
}
