package dev.vigil.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.config.CredentialRedaction;
import dev.vigil.ingest.onvif.AddressRewrite;
import dev.vigil.ingest.onvif.DeviceReport;
import dev.vigil.ingest.onvif.MediaProfile;
import dev.vigil.ingest.onvif.OnvifDevice;
import dev.vigil.ingest.onvif.OnvifException;
import dev.vigil.ingest.onvif.OnvifFailure;
import dev.vigil.ingest.onvif.discovery.DiscoveredDevice;
import dev.vigil.ingest.onvif.discovery.DiscoveryResult;
import dev.vigil.ingest.onvif.discovery.ProbeMessages;
import dev.vigil.ingest.onvif.discovery.WsDiscoveryClient;
import dev.vigil.ingest.onvif.soap.SoapClient;
import dev.vigil.ingest.onvif.soap.SoapHttpClient;
import dev.vigil.ingest.rtsp.Credentials;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./vigil onvif discover} and {@code ./vigil onvif inspect URL}: finds ONVIF cameras and
 * shows what one offers, with the same client Vigil uses for cameras configured by ONVIF. Every
 * failure is one line on stderr and an exit status of its own; the password is read from the
 * environment variable named by {@code --password-env} and never printed.
 */
public final class OnvifCommand implements Command {
    /** Exit status for each way an ONVIF command can fail; 2 stays "bad arguments". */
    static final Map<OnvifFailure, Integer> EXIT = new EnumMap<>(Map.of(
            OnvifFailure.UNAUTHORIZED, 4,
            OnvifFailure.TIMEOUT, 6,
            OnvifFailure.UNREACHABLE, 9,
            OnvifFailure.PROTOCOL_ERROR, 10,
            OnvifFailure.NOT_ONVIF, 11,
            OnvifFailure.FAULT, 12,
            OnvifFailure.UNSUPPORTED, 13));
    /** {@code discover} found nothing. */
    static final int NONE_FOUND = 5;

    @Override
    public String name() {
        return "onvif";
    }

    @Override
    public String summary() {
        return "discover ONVIF cameras, or inspect one's profiles and stream URIs";
    }

    @Override
    public String usage() {
        return """
                Usage: ./vigil onvif discover [--timeout S] [--host H[:PORT]] [--interface NAME] [--json]
                       ./vigil onvif inspect DEVICE-SERVICE-URL [--user U --password-env VAR] [--timeout S] [--json]

                discover  sends a WS-Discovery probe for network video transmitters to 239.255.255.250:3702
                          (or, with --host, to that host only: port 3702 unless given) and lists every
                          device that answers within --timeout seconds (default 3): name, hardware,
                          location, device service URLs.
                inspect   asks one device (e.g. http://10.0.0.21/onvif/device_service) for its clock,
                          device information, profiles (token, name, codec, resolution), stream and
                          snapshot URIs. Addresses the device gives as its LAN address are rewritten to
                          the host you reached it at (quirk 43).

                  --user U            user name; the password is read from --password-env VAR
                  --timeout S         discover: seconds to collect answers (1..60); inspect: per call (1..120, default 10)
                  --host H[:PORT]     discover: probe one host directly instead of multicast
                  --interface NAME    discover: the network interface for the multicast probe
                  --json              one JSON object: discover {devices:[...]}; inspect
                                      {device:{manufacturer, model, firmware, serial},
                                       profiles:[{token, name, codec, width, height, streamUri, snapshotUri}]}

                Exit status: 0 ok, 2 bad arguments, 4 unauthorized, 5 no device answered (discover),
                6 timeout, 9 unreachable, 10 protocol error (malformed or unsafe answer), 11 not an ONVIF
                device, 12 the device answered a SOAP fault, 13 unsupported (no media service or profile).""";
    }

    @Override
    public int run(List<String> argList, Console console) throws Exception {
        if (argList.isEmpty() || !Set.of("discover", "inspect").contains(argList.get(0))) {
            throw new UsageException("onvif: expected discover or inspect, got "
                    + (argList.isEmpty() ? "nothing" : "'" + argList.get(0) + "'"));
        }
        List<String> rest = argList.subList(1, argList.size());
        try {
            return argList.get(0).equals("discover") ? discover(rest, console) : inspect(rest, console);
        } catch (OnvifException e) {
            console.err().println("vigil onvif " + argList.get(0) + ": " + e.failure().label() + ": " + e.getMessage());
            return EXIT.get(e.failure());
        }
    }

    private int discover(List<String> argList, Console console) throws InterruptedException {
        Arguments args = Arguments.parse("onvif discover", argList, Set.of("timeout", "host", "interface"), Set.of("json"));
        args.expectPositional(0, "no positional arguments");
        int timeout = args.intOption("timeout", 1, 60).orElse(3);
        InetSocketAddress target = args.option("host").map(OnvifCommand::hostPort).orElse(WsDiscoveryClient.multicast());
        NetworkInterface nif = null;
        if (args.option("interface").isPresent()) {
            try {
                nif = NetworkInterface.getByName(args.option("interface").get());
            } catch (SocketException e) {
                nif = null;
            }
            if (nif == null) {
                throw new UsageException("onvif discover: --interface " + args.option("interface").get()
                        + ": no such network interface");
            }
        }
        DiscoveryResult r = new WsDiscoveryClient(Duration.ofSeconds(timeout), nif).probe(target);
        if (args.flag("json")) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode o = m.createObjectNode();
            ArrayNode devices = o.putArray("devices");
            for (DiscoveredDevice d : r.devices()) {
                ObjectNode n = devices.addObject();
                n.put("endpoint", d.endpoint());
                n.put("name", d.name());
                n.put("hardware", d.hardware());
                n.put("location", d.location());
                ArrayNode x = n.putArray("xaddrs");
                d.xaddrs().forEach(u -> x.add(u.toString()));
                ArrayNode s = n.putArray("scopes");
                d.scopes().forEach(s::add);
                n.put("from", d.from());
            }
            console.out().println(o.toString());
        } else {
            for (DiscoveredDevice d : r.devices()) {
                console.out().printf(Locale.ROOT, "%-24s %-16s %s%s%n", d.name().isEmpty() ? "(no name)" : d.name(),
                        d.hardware().isEmpty() ? "-" : d.hardware(),
                        String.join(" ", d.xaddrs().stream().map(URI::toString).toList()),
                        d.location().isEmpty() ? "" : "  at " + d.location());
            }
        }
        if (r.devices().isEmpty()) {
            console.err().println("vigil onvif discover: no device answered within " + timeout + " s"
                    + (r.unusableAnswers() > 0 ? " (" + r.unusableAnswers() + " unusable answers, latest: "
                            + r.lastProblem() + ")" : ""));
            return NONE_FOUND;
        }
        return Cli.OK;
    }

    private int inspect(List<String> argList, Console console) {
        Arguments args = Arguments.parse("onvif inspect", argList, Set.of("user", "password-env", "timeout"),
                Set.of("json"));
        args.expectPositional(1, "one device service URL");
        int timeout = args.intOption("timeout", 1, 120).orElse(10);
        URI url = deviceUrl(args.positional().get(0));
        Credentials credentials = null;
        if (args.option("user").isPresent()) {
            String variable = args.option("password-env")
                    .orElseThrow(() -> new UsageException("onvif inspect: --user needs --password-env VAR"));
            String password = console.env().get(variable);
            if (password == null) {
                throw new UsageException("onvif inspect: --password-env " + variable + ": the variable is not set");
            }
            credentials = new Credentials(args.option("user").get(), password);
        } else if (args.option("password-env").isPresent()) {
            throw new UsageException("onvif inspect: --password-env needs --user U");
        }
        DeviceReport report;
        try (SoapHttpClient http = SoapHttpClient.create(Duration.ofSeconds(timeout))) {
            report = new OnvifDevice(new SoapClient(http, credentials, Clock.systemUTC()), url,
                    AddressRewrite.Policy.AUTO).inspect();
        }
        if (args.flag("json")) {
            console.out().println(json(report));
        } else {
            print(report, console);
        }
        return Cli.OK;
    }

    static String json(DeviceReport report) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        ObjectNode d = o.putObject("device");
        d.put("manufacturer", report.device().manufacturer());
        d.put("model", report.device().model());
        d.put("firmware", report.device().firmware());
        d.put("serial", report.device().serial());
        ArrayNode profiles = o.putArray("profiles");
        for (DeviceReport.ProfileUris p : report.profiles()) {
            ObjectNode n = profiles.addObject();
            n.put("token", p.profile().token());
            n.put("name", p.profile().name());
            n.put("codec", p.profile().codec());
            n.put("width", p.profile().width());
            n.put("height", p.profile().height());
            n.put("streamUri", p.streamUri() == null ? null : CredentialRedaction.redactUrl(p.streamUri().toString()));
            n.put("snapshotUri", p.snapshotUri() == null ? null : CredentialRedaction.redactUrl(p.snapshotUri().toString()));
        }
        return o.toString();
    }

    private static void print(DeviceReport r, Console console) {
        console.out().printf(Locale.ROOT, "device:   %s %s, firmware %s, serial %s%n", r.device().manufacturer(),
                r.device().model(), r.device().firmware(), r.device().serial());
        long offset = r.clockOffset().toSeconds();
        console.out().printf(Locale.ROOT, "clock:    %s%n", Math.abs(offset) < 2 ? "in step with this host"
                : "camera is " + Math.abs(offset) + " s " + (offset > 0 ? "ahead of" : "behind") + " this host");
        console.out().println("profiles:");
        for (DeviceReport.ProfileUris p : r.profiles()) {
            MediaProfile m = p.profile();
            console.out().printf(Locale.ROOT, "  %-16s %-16s %-5s %5dx%-5d %s%n", m.token(), m.name(),
                    m.codec().isEmpty() ? "-" : m.codec(), m.width(), m.height(),
                    p.streamUri() == null ? "(no stream URI)" : CredentialRedaction.redactUrl(p.streamUri().toString()));
            if (p.snapshotUri() != null) {
                console.out().printf(Locale.ROOT, "  %-16s snapshot %s%n", "",
                        CredentialRedaction.redactUrl(p.snapshotUri().toString()));
            }
        }
    }

    private static URI deviceUrl(String given) {
        URI url;
        try {
            url = new URI(given);
        } catch (URISyntaxException e) {
            throw new UsageException("onvif inspect: not a URL: " + CredentialRedaction.redactUrl(given));
        }
        if (url.getRawUserInfo() != null) {
            throw new UsageException("onvif inspect: put credentials in --user and --password-env, not in the URL ("
                    + CredentialRedaction.redactUrl(given) + ")");
        }
        if (url.getScheme() == null || !Set.of("http", "https").contains(url.getScheme().toLowerCase(Locale.ROOT))
                || url.getHost() == null) {
            throw new UsageException("onvif inspect: expected an http:// or https:// device service URL, was '"
                    + given + "'");
        }
        return url;
    }

    private static InetSocketAddress hostPort(String value) {
        int colon = value.lastIndexOf(':');
        String host = value;
        int port = ProbeMessages.PORT;
        if (colon > 0 && !value.endsWith("]") && value.indexOf(':') == colon) {
            host = value.substring(0, colon);
            try {
                port = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new UsageException("onvif discover: --host " + value + ": the port must be within 1..65535");
            }
        }
        InetSocketAddress a = new InetSocketAddress(host, port);
        if (a.isUnresolved()) {
            throw new UsageException("onvif discover: --host " + value + ": unknown host");
        }
        return a;
    }
}
