package dev.vigil.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a bound {@link VigilConfig} as a whole and returns every problem found, each starting
 * with its key path. Pure: no I/O, no environment. URLs are echoed only without their user info.
 */
public final class ConfigValidator {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}");
    private static final Pattern KAFKA_NAME = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    /** The port that tests leave to real RTSP servers (GStreamer, mediamtx). */
    static final int RESERVED_RTSP_PORT = 8554;

    private ConfigValidator() {}

    public static List<String> validate(VigilConfig c) {
        List<String> p = new ArrayList<>();
        if (!SAFE_ID.matcher(c.node().id()).matches()) {
            p.add("node.id: must be 1-64 characters of [A-Za-z0-9_.-], was '" + c.node().id() + "'");
        }
        port(p, "api.port", c.api().port());
        apiLimits(p, c.api().limits());
        cameraNetworks(p, c.api().cameraNetworks());
        port(p, "objectStore.embedded.port", c.objectStore().embedded().port());
        port(p, "kafka.embedded.port", c.kafka().embedded().port());
        port(p, "kafka.embeddedControllerPort", c.kafka().embeddedControllerPort());
        port(p, "simulator.port", c.simulator().port());
        if (c.simulator().port() == RESERVED_RTSP_PORT) {
            p.add("simulator.port: 8554 is left to real RTSP servers; pick another port");
        }
        if (c.objectStore().endpoint() != null) {
            httpEndpoint(p, "objectStore.endpoint", c.objectStore().endpoint());
        }
        envName(p, "objectStore.secretKeyEnv", c.objectStore().secretKeyEnv());
        if (c.kafka().bootstrapServers() != null) {
            for (String server : c.kafka().bootstrapServers().split(",")) {
                if (!HOST_PORT.matcher(server.strip()).matches()) {
                    p.add("kafka.bootstrapServers: '" + server.strip() + "' is not host:port");
                }
            }
        }
        range(p, "kafka.partitions", c.kafka().partitions(), 1, 10_000);
        range(p, "kafka.replicationFactor", c.kafka().replicationFactor(), 1, 32);
        alerts(p, c.kafka(), c.alerts());
        if (c.catalog().jdbcUrl() != null && !(c.catalog().jdbcUrl().startsWith("jdbc:postgresql:")
                || c.catalog().jdbcUrl().startsWith("jdbc:h2:"))) {
            p.add("catalog.jdbcUrl: must start with jdbc:postgresql: or jdbc:h2:");
        }
        envName(p, "catalog.passwordEnv", c.catalog().passwordEnv());
        range(p, "retention.budgetBytes", c.retention().budgetBytes(), 0, Long.MAX_VALUE);
        range(p, "retention.exportDays", c.retention().exportDays(), 0, 36_500);
        range(p, "recording.spoolMaxBytes", c.recording().spoolMaxBytes(), 1L << 20, Long.MAX_VALUE);
        range(p, "recording.uploadWorkers", c.recording().uploadWorkers(), 1, 16);
        range(p, "recording.queueUnits", c.recording().queueUnits(), 16, 100_000);
        range(p, "recording.ringMaxBytes", c.recording().ringMaxBytes(), 1L << 20, 1L << 30);
        IngestConfig in = c.ingest();
        range(p, "ingest.connectTimeoutMs", in.connectTimeoutMs(), 100, 120_000);
        range(p, "ingest.requestTimeoutMs", in.requestTimeoutMs(), 100, 120_000);
        range(p, "ingest.noDataTimeoutMs", in.noDataTimeoutMs(), 500, 600_000);
        range(p, "ingest.backoffMaxMs", in.backoffMaxMs(), 100, 600_000);
        simulator(p, c.simulator());
        Set<String> siteIds = sites(p, c.sites());
        cameras(p, c.cameras(), siteIds);
        return p;
    }

    private static void alerts(List<String> p, KafkaConfig k, AlertsConfig a) {
        Set<String> topics = new HashSet<>();
        for (String[] topic : new String[][] {{"kafka.alertsTopic", k.alertsTopic()}, {"kafka.dlqTopic", k.dlqTopic()},
                {"kafka.acksTopic", k.acksTopic()}}) {
            if (!KAFKA_NAME.matcher(topic[1]).matches()) {
                p.add(topic[0] + ": must be 1-249 characters of [A-Za-z0-9._-], was '" + topic[1] + "'");
            } else if (!topics.add(topic[1])) {
                p.add(topic[0] + ": '" + topic[1] + "' is already another of Vigil's topics");
            }
        }
        if (!KAFKA_NAME.matcher(k.acksGroupId()).matches()) {
            p.add("kafka.acksGroupId: must be 1-249 characters of [A-Za-z0-9._-], was '" + k.acksGroupId() + "'");
        }
        range(p, "kafka.maxMessageBytes", k.maxMessageBytes(), 1024, 100 << 20);
        range(p, "alerts.offlineAfterSeconds", a.offlineAfterSeconds(), 1, 86_400);
        range(p, "alerts.clipSeconds", a.clipSeconds(), 0, 600);
        range(p, "alerts.clipWaitSeconds", a.clipWaitSeconds(), 0, 3600);
        range(p, "alerts.minUpdateMillis", a.minUpdateMillis(), 0, 600_000);
        range(p, "alerts.queueEvents", a.queueEvents(), 100, 1_000_000);
        range(p, "alerts.outboxRetentionHours", a.outboxRetentionHours(), 1, 87_600);
        if (a.publicUrl() != null) {
            httpEndpoint(p, "alerts.publicUrl", a.publicUrl());
            if (a.publicUrl().endsWith("/")) {
                p.add("alerts.publicUrl: leave out the trailing '/', was '" + a.publicUrl() + "'");
            }
        }
    }

    private static void simulator(List<String> p, SimulatorConfig s) {
        range(p, "simulator.cameras", s.cameras(), 1, 1000);
        range(p, "simulator.width", s.width(), 64, 3840);
        range(p, "simulator.height", s.height(), 64, 2160);
        if (s.width() % 2 != 0 || s.height() % 2 != 0) {
            p.add("simulator.width/height: must be even (4:2:0 video), was " + s.width() + "x" + s.height());
        }
        range(p, "simulator.fps", s.fps(), 1, 60);
        range(p, "simulator.seconds", s.seconds(), 1, 600);
        range(p, "simulator.gopSeconds", s.gopSeconds(), 1, 60);
        range(p, "simulator.bitrateKbps", s.bitrateKbps(), 50, 50_000);
    }

    private static Set<String> sites(List<String> p, List<SiteConfig> sites) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < sites.size(); i++) {
            SiteConfig s = sites.get(i);
            String at = ConfigPaths.item("sites", s.id(), i);
            if (s.id() != null && SAFE_ID.matcher(s.id()).matches() && !ids.add(s.id())) {
                p.add(at + ".id: duplicate site id '" + s.id() + "'");
            }
            site(p, at, s);
        }
        return ids;
    }

    /**
     * The problems of one site on its own (not whether its id is unique), each starting with
     * {@code sites[ID]}.
     */
    public static List<String> site(SiteConfig s) {
        List<String> p = new ArrayList<>();
        site(p, ConfigPaths.item("sites", s.id(), 0), s);
        return p;
    }

    private static void site(List<String> p, String at, SiteConfig s) {
        if (s.id() == null || !SAFE_ID.matcher(s.id()).matches()) {
            p.add(at + ".id: required, 1-64 characters of [A-Za-z0-9_.-]");
        }
        location(p, at + ".location", s.location(), false);
        AnalyticsConfigValidator.timeZone(p, at + ".timeZone", s.timeZone());
    }

    private static void cameras(List<String> p, List<CameraConfig> cameras, Set<String> siteIds) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < cameras.size(); i++) {
            CameraConfig cam = cameras.get(i);
            String at = ConfigPaths.item("cameras", cam.id(), i);
            if (cam.id() != null && SAFE_ID.matcher(cam.id()).matches() && !ids.add(cam.id())) {
                p.add(at + ".id: duplicate camera id '" + cam.id() + "'");
            }
            camera(p, at, cam, siteIds);
        }
    }

    /**
     * The problems of one camera on its own (not whether its id is unique), each starting with
     * {@code cameras[ID]}.
     *
     * @param siteIds the sites it may be at
     */
    public static List<String> camera(CameraConfig cam, Set<String> siteIds) {
        List<String> p = new ArrayList<>();
        camera(p, ConfigPaths.item("cameras", cam.id(), 0), cam, siteIds);
        return p;
    }

    private static void camera(List<String> p, String at, CameraConfig cam, Set<String> siteIds) {
        if (cam.id() == null || !SAFE_ID.matcher(cam.id()).matches()) {
            p.add(at + ".id: required, 1-64 characters of [A-Za-z0-9_.-]");
        }
        if (cam.site() == null) {
            p.add(at + ".site: required");
        } else if (!siteIds.contains(cam.site())) {
            p.add(at + ".site: no site with id '" + cam.site() + "' (known: " + String.join(", ",
                    siteIds.stream().sorted().toList()) + ")");
        }
        if (cam.onvif() != null) {
            onvif(p, at, cam);
        } else if (cam.url() == null) {
            p.add(at + ".url: required (rtsp:// or rtsps://), or onvif: {address: http://...}");
        } else {
            rtspUrl(p, at + ".url", cam.url());
        }
        if (cam.detectUrl() != null && cam.onvif() == null) {
            rtspUrl(p, at + ".detectUrl", cam.detectUrl());
        }
        if (cam.credentials() != null) {
            if (cam.credentials().user() == null || cam.credentials().user().isBlank()) {
                p.add(at + ".credentials.user: required when credentials are given");
            }
            if (cam.credentials().passwordEnv() == null) {
                p.add(at + ".credentials.passwordEnv: required: the name of the environment variable "
                        + "that holds the password");
            } else {
                envName(p, at + ".credentials.passwordEnv", cam.credentials().passwordEnv());
            }
        }
        location(p, at + ".location", cam.location(), true);
        range(p, at + ".record.segmentSeconds", cam.record().segmentSeconds(), 1, 3600);
        range(p, at + ".record.preRollSeconds", cam.record().preRollSeconds(), 0, 60);
        if (cam.record().retentionDays() != null) {
            range(p, at + ".record.retentionDays", cam.record().retentionDays(), 1, 36_500);
        }
        AnalyticsConfigValidator.validate(p, at + ".analytics", cam.analytics());
    }

    /** A camera found through ONVIF: no fixed URLs, an http(s) device service address. */
    private static void onvif(List<String> p, String at, CameraConfig cam) {
        if (cam.url() != null) {
            p.add(at + ": give either url or onvif, not both");
        }
        if (cam.detectUrl() != null) {
            p.add(at + ".detectUrl: not used with onvif (the sub-stream is the smallest other profile)");
        }
        String address = cam.onvif().address();
        if (address == null || address.isBlank()) {
            p.add(at + ".onvif.address: required: the device service URL, e.g. "
                    + "http://10.0.0.21/onvif/device_service");
        } else {
            httpEndpoint(p, at + ".onvif.address", address.strip());
        }
    }

    private static void rtspUrl(List<String> p, String key, String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            p.add(key + ": not a valid URL: " + e.getReason());
            return;
        }
        if (uri.getRawUserInfo() != null) {
            p.add(key + ": must not carry credentials; put them under credentials: {user, passwordEnv} ("
                    + CredentialRedaction.redactUrl(url) + ")");
            return;
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("rtsp") || scheme.equalsIgnoreCase("rtsps"))) {
            p.add(key + ": must be an rtsp:// or rtsps:// URL, was '" + url + "'");
        } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
            p.add(key + ": has no host: '" + url + "'");
        }
    }

    private static void httpEndpoint(List<String> p, String key, String url) {
        try {
            URI uri = new URI(url);
            if (uri.getRawUserInfo() != null) {
                p.add(key + ": must not carry credentials (" + CredentialRedaction.redactUrl(url) + ")");
            } else if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                p.add(key + ": must be an http:// or https:// URL with a host, was '" + url + "'");
            }
        } catch (URISyntaxException e) {
            p.add(key + ": not a valid URL: " + e.getReason());
        }
    }

    private static void location(List<String> p, String key, LocationConfig loc, boolean headingAllowed) {
        if (loc == null) {
            return;
        }
        if (loc.lat() == null || !(loc.lat() >= -90 && loc.lat() <= 90)) {
            p.add(key + ".lat: required, within -90..90, was " + loc.lat());
        }
        if (loc.lon() == null || !(loc.lon() >= -180 && loc.lon() <= 180)) {
            p.add(key + ".lon: required, within -180..180, was " + loc.lon());
        }
        if (loc.heading() != null && (!headingAllowed || !(loc.heading() >= 0 && loc.heading() <= 360))) {
            p.add(key + ".heading: " + (headingAllowed ? "must be within 0..360, was " + loc.heading()
                    : "a site has no heading"));
        }
    }

    private static void apiLimits(List<String> p, ApiLimitsConfig l) {
        range(p, "api.limits.maxBodyBytes", l.maxBodyBytes(), 1024, 16 << 20);
        range(p, "api.limits.maxHeaderBytes", l.maxHeaderBytes(), 1024, 64 * 1024);
        if (!(l.requestsPerSecond() > 0 && l.requestsPerSecond() <= 100_000)) {
            p.add("api.limits.requestsPerSecond: must be within 0 (exclusive)..100000, was " + l.requestsPerSecond());
        }
        range(p, "api.limits.burst", l.burst(), 1, 100_000);
        range(p, "api.limits.readTimeoutSeconds", l.readTimeoutSeconds(), 1, 3600);
        range(p, "api.limits.writeTimeoutSeconds", l.writeTimeoutSeconds(), 1, 3600);
        range(p, "api.limits.workerThreads", l.workerThreads(), 1, 256);
    }

    private static void cameraNetworks(List<String> p, List<String> cidrs) {
        for (int i = 0; i < cidrs.size(); i++) {
            try {
                dev.vigil.core.net.Cidr.parse(cidrs.get(i));
            } catch (dev.vigil.core.error.VigilException e) {
                p.add("api.cameraNetworks[" + i + "]: " + e.getMessage());
            }
        }
    }

    private static void envName(List<String> p, String key, String name) {
        if (name != null && !ENV_NAME.matcher(name).matches()) {
            p.add(key + ": '" + name + "' is not an environment variable name");
        }
    }

    private static void port(List<String> p, String key, int port) {
        range(p, key, port, 0, 65_535);
    }

    static void range(List<String> p, String key, long value, long min, long max) {
        if (value < min || value > max) {
            p.add(key + ": must be within " + min + ".." + max + ", was " + value);
        }
    }
}
