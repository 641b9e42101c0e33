package dev.vigil.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.ConfigLoader;
import dev.vigil.core.config.CredentialRedaction;
import dev.vigil.core.config.CredentialsConfig;
import dev.vigil.core.config.IngestConfig;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.ProbeReport;
import dev.vigil.core.model.Transport;
import dev.vigil.ingest.rtsp.RtspUrl;
import dev.vigil.ingest.rtsp.SessionFailure;
import dev.vigil.app.probe.StreamProbe;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./vigil probe URL}: connects to one camera with the gateway's own client (the code path of
 * every camera), reports what it serves, then counts what arrives for N seconds. The probing is
 * {@link StreamProbe}'s, shared with the API's camera test.
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
        boolean json = args.flag("json");
        ProbeReport r = StreamProbe.run(camera, env, ingest, Duration.ofSeconds(connectTimeout),
                Duration.ofSeconds(seconds), null, known -> {
                    if (!json) {
                        printHeader(console, known);
                    }
                });
        if (!r.ok()) {
            console.err().println("vigil probe: " + r.failure() + ": " + r.error());
            return exitOf(r.failure());
        }
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode o = mapper.createObjectNode();
            o.put("url", url);
            o.put("transport", r.transport());
            o.put("server", r.server());
            o.put("codec", r.codec());
            o.put("width", r.width());
            o.put("height", r.height());
            o.put("fps", r.fps());
            o.put("seconds", r.seconds());
            o.put("accessUnits", r.accessUnits());
            o.put("keyframes", r.keyframes());
            o.put("bytes", r.bytes());
            o.put("bitrateKbps", r.bitrateKbps());
            o.put("rtpPacketsLost", r.rtpPacketsLost());
            o.put("reconnects", r.reconnects());
            console.out().println(o.toString());
        } else {
            console.out().printf(Locale.ROOT, "after %d s: %d access units (%d key frames), %d bytes, %.1f kbit/s, "
                    + "%d RTP packets lost, %d reconnects%n", r.seconds(), r.accessUnits(), r.keyframes(), r.bytes(),
                    r.bitrateKbps(), r.rtpPacketsLost(), r.reconnects());
        }
        return Cli.OK;
    }

    /** The exit status of a failure label (see {@link #EXIT}); 10 for one without its own. */
    static int exitOf(String failure) {
        for (Map.Entry<SessionFailure, Integer> e : EXIT.entrySet()) {
            if (e.getKey().label().equals(failure)) {
                return e.getValue();
            }
        }
        return EXIT.get(SessionFailure.PROTOCOL_ERROR);
    }

    private static void printHeader(Console console, ProbeReport r) {
        console.out().printf(Locale.ROOT, "server:     %s%n", r.server() == null ? "(not given)" : r.server());
        console.out().printf(Locale.ROOT, "transport:  %s%n", r.transport());
        console.out().printf(Locale.ROOT, "codec:      %s%s%n", r.codec(), r.profile() == null ? "" : " " + r.profile());
        console.out().printf(Locale.ROOT, "resolution: %s%n", r.width() == 0 ? "unknown" : r.width() + "x" + r.height());
        console.out().printf(Locale.ROOT, "frame rate: %.2f fps%n", r.fps());
    }
}
