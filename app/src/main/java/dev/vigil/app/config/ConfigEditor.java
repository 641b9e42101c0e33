package dev.vigil.app.config;

import dev.vigil.core.config.AnalyticsConfig;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.ConfigException;
import dev.vigil.core.config.ConfigValidator;
import dev.vigil.core.config.CredentialsConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.directory.CameraEntry;
import dev.vigil.core.directory.ConfigAuthor;
import dev.vigil.core.directory.ConfigOrigin;
import dev.vigil.core.directory.ConfigSubject;
import dev.vigil.core.directory.ConfigVersion;
import dev.vigil.core.directory.ConfigWrite;
import dev.vigil.core.directory.SiteEntry;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.net.CameraNetworks;
import dev.vigil.core.port.CameraDirectory;
import dev.vigil.core.port.ConfigStore;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The node's {@link CameraDirectory}: validates a write, stores it as a version in the
 * {@link ConfigStore}, then applies it to the running engine through {@link LiveCameras}. One write
 * at a time.
 *
 * <p>Checks beyond the config file's rules ({@link ConfigValidator}): every stream URL and ONVIF
 * address of a written camera must be inside {@code api.cameraNetworks} (names resolved, every
 * address checked); a password variable given or changed must be set in this node's environment
 * and must not start with {@code VIGIL_} (those name configuration keys); names are at most 200
 * characters. Simulated cameras are read-only. A write that is stored but cannot be fully applied
 * (a camera that will not start) reports the problem in its {@link ConfigWrite}; the stored config
 * applies again at the next start.
 *
 * <p>Metrics: {@code vigil_config_changes_total{subject,action}} and
 * {@code vigil_config_rejected_total{subject,reason}} ({@code invalid}, {@code conflict},
 * {@code not_found}, {@code read_only}).
 */
public final class ConfigEditor implements CameraDirectory {
    static final int MAX_NAME = 200;

    private final ConfigStore store;
    private final CurrentConfig current;
    private final Supplier<LiveCameras> live;
    private final CameraNetworks networks;
    private final CameraNetworks.Resolver resolver;
    private final Map<String, String> env;
    private final Clock clock;
    private final Counter changes;
    private final Counter rejected;

    /**
     * @param live the engine, asked for at each write (it starts after the directory is made)
     * @param env the node's environment, for checking password variables
     */
    public ConfigEditor(ConfigStore store, CurrentConfig current, Supplier<LiveCameras> live, CameraNetworks networks,
            CameraNetworks.Resolver resolver, Map<String, String> env, PrometheusRegistry registry, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.current = Objects.requireNonNull(current, "current");
        this.live = Objects.requireNonNull(live, "live");
        this.networks = Objects.requireNonNull(networks, "networks");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.env = Map.copyOf(env);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.changes = Counter.builder().name("vigil_config_changes_total")
                .help("site and camera versions written through the API").labelNames("subject", "action")
                .register(registry);
        this.rejected = Counter.builder().name("vigil_config_rejected_total")
                .help("site and camera writes refused").labelNames("subject", "reason").register(registry);
    }

    @Override
    public List<SiteEntry> sites() {
        return current.sites();
    }

    @Override
    public Optional<SiteEntry> site(String id) {
        return current.site(id);
    }

    @Override
    public List<CameraEntry> cameras() {
        return current.cameras();
    }

    @Override
    public Optional<CameraEntry> camera(String id) {
        return current.camera(id);
    }

    @Override
    public List<ConfigVersion> history(ConfigSubject subject, int beforeVersion, int limit) {
        return store.history(subject, beforeVersion, limit);
    }

    @Override
    public synchronized ConfigWrite<SiteEntry> createSite(SiteConfig site, ConfigAuthor author) {
        return guarded("site", () -> {
            validate(site);
            ConfigVersion v = store.createSite(site, ConfigOrigin.API, author, clock.instant());
            SiteEntry now = store.site(site.id()).orElseThrow();
            current.put(now);
            return written("site", v, now, Map.of(), List.of());
        });
    }

    @Override
    public synchronized ConfigWrite<SiteEntry> updateSite(SiteConfig site, Integer expectedVersion,
            ConfigAuthor author) {
        return guarded("site", () -> {
            validate(site);
            SiteEntry before = current.site(site.id())
                    .orElseThrow(() -> new VigilException(ErrorKind.NOT_FOUND, "no site " + site.id()));
            Optional<ConfigVersion> v = store.updateSite(site, expectedVersion, author, clock.instant());
            if (v.isEmpty()) {
                return new ConfigWrite<>(before, null, Map.of(), List.of());
            }
            SiteEntry now = store.site(site.id()).orElseThrow();
            current.put(now);
            Map<String, List<String>> restarted = new LinkedHashMap<>();
            List<String> problems = new ArrayList<>();
            if (!before.config().timeZone().equals(now.config().timeZone())) {
                for (CameraEntry camera : current.cameras()) {
                    if (site.id().equals(camera.config().site()) && camera.origin() != ConfigOrigin.SIMULATOR) {
                        collect(camera.id(), live.get().apply(camera, camera, true), restarted, problems);
                    }
                }
            }
            return written("site", v.get(), now, restarted, problems);
        });
    }

    @Override
    public synchronized ConfigWrite<SiteEntry> deleteSite(String id, Integer expectedVersion, ConfigAuthor author) {
        return guarded("site", () -> {
            ConfigVersion v = store.deleteSite(id, expectedVersion, author, clock.instant());
            current.removeSite(id);
            return written("site", v, null, Map.of(), List.of());
        });
    }

    @Override
    public synchronized ConfigWrite<CameraEntry> createCamera(CameraConfig camera, ConfigAuthor author) {
        return guarded("camera", () -> {
            if (current.camera(camera.id()).isPresent()) {
                throw new VigilException(ErrorKind.ALREADY_EXISTS, "camera " + camera.id() + " exists already");
            }
            validate(camera, null);
            ConfigVersion v = store.createCamera(camera, ConfigOrigin.API, author, clock.instant());
            return applied(v, null);
        });
    }

    @Override
    public synchronized ConfigWrite<CameraEntry> updateCamera(CameraConfig camera, Integer expectedVersion,
            ConfigAuthor author) {
        return guarded("camera", () -> {
            CameraEntry before = stored(camera.id());
            validate(camera, before.config());
            Optional<ConfigVersion> v = store.updateCamera(camera, expectedVersion, author, clock.instant());
            return v.isEmpty() ? new ConfigWrite<>(before, null, Map.of(), List.of()) : applied(v.get(), before);
        });
    }

    @Override
    public synchronized ConfigWrite<CameraEntry> updateAnalytics(String camera, AnalyticsConfig analytics,
            Integer expectedVersion, ConfigAuthor author) {
        CameraConfig c = guarded("camera", () -> stored(camera)).config();
        return updateCamera(new CameraConfig(c.id(), c.site(), c.name(), c.kind(), c.url(), c.detectUrl(), c.transport(),
                c.credentials(), c.location(), c.record(), analytics, c.enabled(), c.quirk(), c.onvif()),
                expectedVersion, author);
    }

    @Override
    public synchronized ConfigWrite<CameraEntry> deleteCamera(String id, Integer expectedVersion, ConfigAuthor author) {
        return guarded("camera", () -> {
            CameraEntry before = stored(id);
            ConfigVersion v = store.deleteCamera(id, expectedVersion, author, clock.instant());
            return applied(v, before);
        });
    }

    /** The stored camera {@code id}, after the version {@code v}, applied to the engine. */
    private ConfigWrite<CameraEntry> applied(ConfigVersion v, CameraEntry before) {
        String id = v.subject().id();
        CameraEntry now = store.camera(id).orElse(null);
        if (now == null) {
            current.removeCamera(id);
        } else {
            current.put(now);
        }
        boolean zoneChanged = before != null && now != null && !current.timeZoneOf(before.config().site())
                .equals(current.timeZoneOf(now.config().site()));
        Map<String, List<String>> restarted = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        collect(id, live.get().apply(before, now, zoneChanged), restarted, problems);
        return written("camera", v, now, restarted, problems);
    }

    private static void collect(String camera, LiveCameras.Outcome outcome, Map<String, List<String>> restarted,
            List<String> problems) {
        if (!outcome.steps().isEmpty()) {
            restarted.put(camera, outcome.steps());
        }
        problems.addAll(outcome.problems());
    }

    private <T> ConfigWrite<T> written(String subject, ConfigVersion v, T entry, Map<String, List<String>> restarted,
            List<String> problems) {
        changes.labelValues(subject, v.action().label()).inc();
        return new ConfigWrite<>(entry, v, restarted, problems);
    }

    private CameraEntry stored(String id) {
        CameraEntry e = current.camera(id).orElseThrow(() -> new VigilException(ErrorKind.NOT_FOUND, "no camera " + id));
        if (e.origin() == ConfigOrigin.SIMULATOR) {
            throw new ReadOnly("camera " + id + " is a simulated camera (simulator.enabled); it cannot be changed");
        }
        return e;
    }

    /** A write refused because its subject is read-only. */
    private static final class ReadOnly extends VigilException {
        private static final long serialVersionUID = 1L;

        ReadOnly(String message) {
            super(ErrorKind.FAILED_PRECONDITION, message);
        }
    }

    /** Runs a write, counting why it was refused. */
    private <T> T guarded(String subject, Supplier<T> write) {
        try {
            return write.get();
        } catch (ConfigException e) {
            rejected.labelValues(subject, "invalid").inc();
            throw e;
        } catch (VigilException e) {
            String reason = e instanceof ReadOnly ? "read_only" : switch (e.kind()) {
                case NOT_FOUND -> "not_found";
                case ALREADY_EXISTS, FAILED_PRECONDITION -> "conflict";
                case INVALID_ARGUMENT -> "invalid";
                default -> null;
            };
            if (reason != null) {
                rejected.labelValues(subject, reason).inc();
            }
            throw e;
        }
    }

    private static void validate(SiteConfig site) {
        List<String> problems = new ArrayList<>(ConfigValidator.site(site));
        if (site.name() != null && site.name().length() > MAX_NAME) {
            problems.add("sites[" + site.id() + "].name: at most " + MAX_NAME + " characters");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** @param before the stored camera, or {@code null} for a new one */
    private void validate(CameraConfig camera, CameraConfig before) {
        Set<String> sites = new TreeSet<>();
        current.sites().forEach(s -> sites.add(s.id()));
        List<String> problems = new ArrayList<>(ConfigValidator.camera(camera, sites));
        String at = "cameras[" + camera.id() + "]";
        if (camera.name() != null && camera.name().length() > MAX_NAME) {
            problems.add(at + ".name: at most " + MAX_NAME + " characters");
        }
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("url", camera.url());
        urls.put("detectUrl", camera.detectUrl());
        urls.put("onvif.address", camera.onvif() == null ? null : camera.onvif().address());
        urls.forEach((key, url) -> {
            String path = at + "." + key;
            if (url != null && problems.stream().noneMatch(p -> p.startsWith(path + ":"))) {
                networks.check(url, resolver).ifPresent(p -> problems.add(path + ": " + p));
            }
        });
        CredentialsConfig credentials = camera.credentials();
        String variable = credentials == null ? null : credentials.passwordEnv();
        boolean changed = before == null || !Objects.equals(before.credentials(), credentials);
        if (variable != null && changed && problems.stream().noneMatch(p -> p.startsWith(at + ".credentials"))) {
            if (variable.startsWith("VIGIL_")) {
                problems.add(at + ".credentials.passwordEnv: names starting with VIGIL_ are configuration keys;"
                        + " use another name, e.g. " + camera.id().toUpperCase(java.util.Locale.ROOT)
                        .replaceAll("[^A-Z0-9]", "_") + "_PASSWORD");
            } else if (env.get(variable) == null) {
                problems.add(at + ".credentials.passwordEnv: environment variable " + variable + " is not set on"
                        + " this node; set it where the node runs (the password is never sent to the API)");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
