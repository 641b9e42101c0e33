package dev.vigil.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.codec.SequenceInfo;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.ConfigLoader;
import dev.vigil.core.config.CredentialRedaction;
import dev.vigil.core.config.CredentialsConfig;
import dev.vigil.core.config.IngestConfig;
import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.ParameterSets;
import dev.vigil.core.model.Transport;
import dev.vigil.ingest.rtsp.RtspUrl;
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
import java.util.Set;

/**
 * {@code ./vigil probe URL}: connects to one camera with the gateway's own client (the code path of
 * every camera), reports what it serves, then counts what arrives for N seconds.
 *
 * <p>Credentials: {@code --user U --password-env VAR}, or user info in the URL, which is moved out
 * of it at once; neither the password nor the URL's user info is ever printed.
 */
public final class ProbeCommand implements Command {
    /** Exit status for each way a probe can fail; 2 stays "bad arguments". */
    static final Map<SessionFailure, Integer> EXIT = Map.of(
            SessionFailure.UNAUTHORIZED, 4,
            SessionFailure.NOT_FOUND, 5,
            SessionFailure.TIMEOUT, 6,
            SessionFailure.UNSUPPORTED_CODEC, 7,
            SessionFailure.TRANSPORT_REFUSED, 8,
            SessionFailure.UNREACHABLE, 9,
            SessionFailure.PROTOCOL_ERROR, 10);

    private static final String PASSWORD_VARIABLE = "VIGIL_PROBE_URL_PASSWORD";
    private static final CameraId CAMERA = CameraId.of("probe");

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public String summary() {
        return "connect to an RTSP camera and report its stream";
    }

    @Override
    public String usage() {
        return """
                Usage: ./vigil probe RTSP-URL [--transport auto|tcp|udp] [--seconds N] [--user U --password-env VAR] [--json]

                Connects with Vigil's RTSP client, prints the server, codec, profile, resolution and
                frame rate, then after N seconds (default 10) the access units, key frames, bytes,
                bitrate, RTP packets lost and reconnects. --json prints one JSON object instead.

                  --transport T      auto (default), tcp or udp
                  --seconds N        how long to count, 1..3600
                  --user U           user name; the password is read from --password-env VAR
                  --connect-timeout N  seconds to wait for the first picture (default 20)

                Exit status: 0 ok, 2 bad arguments, 4 unauthorized, 5 not found, 6 timeout,
                7 unsupported codec, 8 transport refused, 9 unreachable, 10 protocol error.""";
    }

    @Override
    public int run(List<String> argList, Console console) throws Exception {
        Arguments args = Arguments.parse(name(), argList,
                Set.of("transport", "seconds", "user", "password-env", "connect-timeout"), Set.of("json"));
        args.expectPositional(1, "one RTSP URL");
        int seconds = args.intOption("seconds", 1, 3600).orElse(10);
        int connectTimeout = args.intOption("connect-timeout", 1, 600).orElse(20);
        String transport = args.option("transport").orElse("auto");
        if (!Set.of("auto", "tcp", "udp").contains(transport)) {
            throw new UsageException("probe: --transport must be auto, tcp or udp, was '" + transport + "'");
        }
        String given = args.positional().get(0);
        RtspUrl parsed;
        try {
            parsed = RtspUrl.parse(given);
        } catch (RuntimeException e) {
            throw new UsageException("probe: not an rtsp:// URL: " + CredentialRedaction.redactUrl(given));
        }
        String url = CredentialRedaction.stripUserInfo(given);
        Map<String, String> env = new HashMap<>(console.env());
        CredentialsConfig credentials = StreamLogin.of(name(), args, parsed, env, PASSWORD_VARIABLE);
        Transport mode = Transport.valueOf(transport.toUpperCase(Locale.ROOT));
        CameraConfig camera = new CameraConfig(CAMERA.value(), "probe", null, null, url, null, mode,
                credentials, null, null, null, true);
        IngestConfig ingest = new ConfigLoader(Map.of()).load().ingest();

        try (Gateway gateway = Gateway.start(List.of(camera), ingest, env, Clock.systemUTC(), 1);
                Subscription units = gateway.subscribe(CAMERA, 1024)) {
            AccessUnit first = awaitFirst(gateway, units, Duration.ofSeconds(connectTimeout), mode);
            if (first == null) {
                CameraHealth h = gateway.health(CAMERA);
                SessionFailure failure = h.lastFailure() != null ? h.lastFailure() : SessionFailure.TIMEOUT;
                String detail = h.lastError() != null ? h.lastError()
                        : "no picture within " + connectTimeout + " s";
                console.err().println("vigil probe: " + failure.label() + ": " + detail);
                return EXIT.get(failure);
            }
            return report(gateway, units, first, url, seconds, args.flag("json"), console);
        }
    }

    /** The first access unit, or {@code null} when the session failed or nothing came in time. */
    private static AccessUnit awaitFirst(Gateway gateway, Subscription units, Duration timeout, Transport mode)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            AccessUnit unit = units.poll(Duration.ofMillis(100));
            if (unit != null) {
                return unit;
            }
            CameraHealth h = gateway.health(CAMERA);
            // Under auto the supervisor tries the other transport after a refusal: give it that one try.
            boolean fallbackPending = mode == Transport.AUTO && h.reconnects() < 2
                    && (h.lastFailure() == SessionFailure.TRANSPORT_REFUSED || h.lastFailure() == SessionFailure.TIMEOUT);
            if (h.lastFailure() != null && !fallbackPending) {
                return null;
            }
        }
        return null;
    }

    private static int report(Gateway gateway, Subscription units, AccessUnit first, String url, int seconds,
            boolean json, Console console) throws InterruptedException {
        SequenceInfo sps = spsOf(first.parameterSets());
        long firstPts = first.pts90k();
        long lastPts = firstPts;
        long counted = 1;
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        boolean headerPrinted = false;
        CameraHealth start = gateway.health(CAMERA);
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
            if (!json && !headerPrinted && lastPts - firstPts >= 90_000) {
                printHeader(console, gateway.health(CAMERA), first, sps, fps(counted, firstPts, lastPts));
                headerPrinted = true;
            }
        }
        CameraHealth end = gateway.health(CAMERA);
        double fps = fps(counted, firstPts, lastPts);
        if (!json && !headerPrinted) {
            printHeader(console, end, first, sps, fps);
        }
        long bytes = end.bytes();
        double kbps = bytes * 8.0 / seconds / 1000.0;
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode o = mapper.createObjectNode();
            o.put("url", url);
            o.put("transport", end.transport().name().toLowerCase(Locale.ROOT));
            o.put("server", end.server());
            o.put("codec", first.codec().wireName());
            o.put("width", sps == null ? 0 : sps.width());
            o.put("height", sps == null ? 0 : sps.height());
            o.put("fps", Math.round(fps * 100) / 100.0);
            o.put("seconds", seconds);
            o.put("accessUnits", end.accessUnits());
            o.put("keyframes", end.keyframes());
            o.put("bytes", bytes);
            o.put("bitrateKbps", Math.round(kbps * 10) / 10.0);
            o.put("rtpPacketsLost", end.packetsLost());
            o.put("reconnects", end.reconnects());
            console.out().println(o.toString());
        } else {
            console.out().printf(Locale.ROOT, "after %d s: %d access units (%d key frames), %d bytes, %.1f kbit/s, "
                    + "%d RTP packets lost, %d reconnects%n", seconds, end.accessUnits(), end.keyframes(), bytes, kbps,
                    end.packetsLost(), end.reconnects());
        }
        return Cli.OK;
    }

    private static void printHeader(Console console, CameraHealth health, AccessUnit first, SequenceInfo sps, double fps) {
        console.out().printf(Locale.ROOT, "server:     %s%n", health.server() == null ? "(not given)" : health.server());
        console.out().printf(Locale.ROOT, "transport:  %s%n", health.transport().name().toLowerCase(Locale.ROOT));
        console.out().printf(Locale.ROOT, "codec:      %s%s%n", first.codec().wireName(),
                sps == null ? "" : " profile " + sps.profileIdc() + " level " + sps.level());
        console.out().printf(Locale.ROOT, "resolution: %s%n", sps == null ? "unknown" : sps.width() + "x" + sps.height());
        console.out().printf(Locale.ROOT, "frame rate: %.2f fps%n", fps);
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
