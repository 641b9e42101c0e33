package dev.vigil.app.probe;

import dev.vigil.core.codec.SequenceInfo;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.CredentialRedaction;
import dev.vigil.core.config.IngestConfig;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.ParameterSets;
import dev.vigil.core.model.ProbeReport;
import dev.vigil.core.model.Transport;
import dev.vigil.core.net.CameraNetworks;
import dev.vigil.core.port.CameraProbe;
import dev.vigil.ingest.onvif.AddressRewrite;
import dev.vigil.ingest.onvif.OnvifDevice;
import dev.vigil.ingest.onvif.OnvifException;
import dev.vigil.ingest.onvif.StreamResolution;
import dev.vigil.ingest.onvif.soap.SoapClient;
import dev.vigil.ingest.onvif.soap.SoapHttpClient;
import dev.vigil.ingest.rtsp.Credentials;
import dev.vigil.ingest.rtsp.SessionFailure;
import dev.vigil.ingest.supervisor.CameraHealth;
import dev.vigil.ingest.supervisor.Gateway;
import dev.vigil.ingest.supervisor.Subscription;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Probes one camera's stream on a gateway of its own, the code path of every camera: an ONVIF
 * camera's stream URI is asked of its device first; then the first picture is awaited (under
 * transport {@code auto} the other transport gets its one try), then what arrives is counted for
 * the time asked. Never touches the node's running cameras.
 *
 * <p>As the API's {@link CameraProbe}: at most {@value #MAX_CONCURRENT} probes at a time (more are
 * RESOURCE_EXHAUSTED), a connect timeout of {@code ingest.connectTimeoutMs} plus the listening
 * time bounds each, and cameras written through the API connect only inside
 * {@code api.cameraNetworks}.
 */
public final class StreamProbe implements CameraProbe {
    /** Probes the API runs at once. */
    public static final int MAX_CONCURRENT = 2;

    private final IngestConfig ingest;
    private final Map<String, String> env;
    private final Duration connectTimeout;
    private final CameraNetworks networks;
    private final Predicate<CameraConfig> restricted;
    private final Semaphore permits = new Semaphore(MAX_CONCURRENT);

    /**
     * @param connectTimeout how long to wait for the first picture
     * @param restricted which cameras may connect only inside {@code networks}
     */
    public StreamProbe(IngestConfig ingest, Map<String, String> env, Duration connectTimeout, CameraNetworks networks,
            Predicate<CameraConfig> restricted) {
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.env = Map.copyOf(env);
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.networks = Objects.requireNonNull(networks, "networks");
        this.restricted = Objects.requireNonNull(restricted, "restricted");
    }

    @Override
    public ProbeReport probe(CameraConfig camera, Duration listen) {
        if (!permits.tryAcquire()) {
            throw new VigilException(ErrorKind.RESOURCE_EXHAUSTED, MAX_CONCURRENT + " camera tests are running;"
                    + " retry shortly");
        }
        try {
            return run(camera, env, ingest, connectTimeout, listen, restricted.test(camera) ? networks : null, r -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VigilException(ErrorKind.UNAVAILABLE, "the test of camera " + camera.id() + " was interrupted");
        } finally {
            permits.release();
        }
    }

    /**
     * Probes {@code camera} (enabled or not).
     *
     * @param env holds the password its {@code credentials.passwordEnv} names
     * @param restrictTo the only networks it may connect to, or {@code null}
     * @param streamKnown told once, after about a second of pictures, of the stream's properties
     *     (server, transport, codec, size, frame rate), for a live display
     * @throws VigilException INVALID_ARGUMENT when the password variable is unset or the URL is bad
     */
    public static ProbeReport run(CameraConfig camera, Map<String, String> env, IngestConfig ingest,
            Duration connectTimeout, Duration listen, CameraNetworks restrictTo, Consumer<ProbeReport> streamKnown)
            throws InterruptedException {
        CameraConfig target = enabled(camera);
        if (camera.onvif() != null) {
            try {
                URI stream = resolveOnvif(camera, env, ingest, restrictTo);
                target = target.withStreams(CredentialRedaction.stripUserInfo(stream.toString()), null);
            } catch (OnvifException e) {
                return ProbeReport.failed(e.failure().label(), e.getMessage(), camera.onvif().address(),
                        transportLabel(camera.transport()), null, 0, 0);
            }
        }
        CameraId id = CameraId.of(camera.id());
        String url = CredentialRedaction.stripUserInfo(target.url());
        int seconds = (int) Math.max(1, listen.toSeconds());
        CameraConfig started = target;
        try (Gateway gateway = Gateway.start(List.of(), ingest, env, Clock.systemUTC(), 1)) {
            gateway.add(started, env, null, restrictTo);
            try (Subscription units = gateway.subscribe(id, 1024)) {
                AccessUnit first = awaitFirst(gateway, id, units, connectTimeout, camera.transport());
                if (first == null) {
                    CameraHealth h = gateway.health(id);
                    SessionFailure failure = h.lastFailure() != null ? h.lastFailure() : SessionFailure.TIMEOUT;
                    String detail = h.lastError() != null ? h.lastError()
                            : "no picture within " + connectTimeout.toSeconds() + " s";
                    return ProbeReport.failed(failure.label(), detail, url, transportLabel(h.transport()), h.server(),
                            0, h.reconnects());
                }
                return count(gateway, id, units, first, url, seconds, streamKnown);
            }
        }
    }

    private static URI resolveOnvif(CameraConfig camera, Map<String, String> env, IngestConfig ingest,
            CameraNetworks restrictTo) {
        URI address = URI.create(camera.onvif().address().strip());
        Credentials credentials = null;
        if (camera.credentials() != null && camera.credentials().user() != null) {
            String password = camera.credentials().password(env);
            if (password == null) {
                throw VigilException.invalid("cameras[" + camera.id() + "].credentials.passwordEnv: environment"
                        + " variable '" + camera.credentials().passwordEnv() + "' is not set");
            }
            credentials = new Credentials(camera.credentials().user(), password);
        }
        try (SoapHttpClient http = SoapHttpClient.create(Duration.ofMillis(ingest.requestTimeoutMs()))) {
            OnvifDevice device = new OnvifDevice(new SoapClient(restrictTo == null ? http : http.restrictedTo(restrictTo),
                    credentials, Clock.systemUTC()), address, AddressRewrite.Policy.AUTO);
            StreamResolution r = device.resolveStreams(camera.onvif().profile());
            return r.recordUri();
        }
    }

    /** The first access unit, or {@code null} when the session failed or nothing came in time. */
    private static AccessUnit awaitFirst(Gateway gateway, CameraId id, Subscription units, Duration timeout,
            Transport mode) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            AccessUnit unit = units.poll(Duration.ofMillis(100));
            if (unit != null) {
                return unit;
            }
            CameraHealth h = gateway.health(id);
            // Under auto the supervisor tries the other transport after a refusal: give it that one try.
            boolean fallbackPending = mode == Transport.AUTO && h.reconnects() < 2
                    && (h.lastFailure() == SessionFailure.TRANSPORT_REFUSED || h.lastFailure() == SessionFailure.TIMEOUT);
            if (h.lastFailure() != null && !fallbackPending) {
                return null;
            }
        }
        return null;
    }

    private static ProbeReport count(Gateway gateway, CameraId id, Subscription units, AccessUnit first, String url,
            int seconds, Consumer<ProbeReport> streamKnown) throws InterruptedException {
        SequenceInfo sps = spsOf(first.parameterSets());
        long firstPts = first.pts90k();
        long lastPts = firstPts;
        long counted = 1;
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        boolean told = false;
        while (System.nanoTime() < deadline) {
            AccessUnit unit = units.poll(Duration.ofMillis(100));
            if (unit == null) {
                continue;
            }
            if (sps == null) {
                sps = spsOf(unit.parameterSets());
            }
            lastPts = unit.pts90k();
            counted++;
            if (!told && lastPts - firstPts >= 90_000) {
                streamKnown.accept(report(gateway.health(id), first, sps, url, fps(counted, firstPts, lastPts), 0));
                told = true;
            }
        }
        ProbeReport result = report(gateway.health(id), first, sps, url, fps(counted, firstPts, lastPts), seconds);
        if (!told) {
            streamKnown.accept(result);
        }
        return result;
    }

    private static ProbeReport report(CameraHealth h, AccessUnit first, SequenceInfo sps, String url, double fps,
            int seconds) {
        double kbps = seconds == 0 ? 0 : h.bytes() * 8.0 / seconds / 1000.0;
        return new ProbeReport(true, null, null, url, transportLabel(h.transport()), h.server(), first.codec().wireName(),
                sps == null ? null : String.format(Locale.ROOT, "profile %d level %s", sps.profileIdc(), sps.level()),
                sps == null ? 0 : sps.width(), sps == null ? 0 : sps.height(), Math.round(fps * 100) / 100.0, seconds,
                h.accessUnits(), h.keyframes(), h.bytes(), Math.round(kbps * 10) / 10.0, h.packetsLost(),
                h.reconnects());
    }

    private static String transportLabel(Transport t) {
        return t == null ? null : t.name().toLowerCase(Locale.ROOT);
    }

    /** The camera as probed: enabled (a camera is usually tested before it is enabled). */
    private static CameraConfig enabled(CameraConfig c) {
        return new CameraConfig(c.id(), c.site(), c.name(), c.kind(), c.url(), c.detectUrl(), c.transport(),
                c.credentials(), c.location(), c.record(), c.analytics(), true, c.quirk(), c.onvif());
    }

    /** Profile, level and size from the SPS, or {@code null} when none is known yet. */
    static SequenceInfo spsOf(ParameterSets sets) {
        return sets == null ? null : SequenceInfo.of(sets);
    }

    /** Pictures per second from the 90 kHz timestamps of the pictures counted. */
    static double fps(long pictures, long firstPts, long lastPts) {
        return pictures < 2 || lastPts <= firstPts ? 0 : (pictures - 1) * 90_000.0 / (lastPts - firstPts);
    }
}
