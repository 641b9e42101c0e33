package dev.vigil.api;

import dev.vigil.core.config.AnalyticsConfig;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.ConfigException;
import dev.vigil.core.config.ConfigValidator;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.directory.CameraEntry;
import dev.vigil.core.directory.ConfigAction;
import dev.vigil.core.directory.ConfigAuthor;
import dev.vigil.core.directory.ConfigDiff;
import dev.vigil.core.directory.ConfigJson;
import dev.vigil.core.directory.ConfigOrigin;
import dev.vigil.core.directory.ConfigSubject;
import dev.vigil.core.directory.ConfigVersion;
import dev.vigil.core.directory.ConfigWrite;
import dev.vigil.core.directory.SiteEntry;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.port.CameraDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link CameraDirectory} in memory for the api module's route tests: the config file's
 * validation, versions with diffs, expected versions; no engine (writes restart nothing). The
 * node's directory (catalog, live engine) is tested in the app module.
 */
public final class MemoryCameraDirectory implements CameraDirectory {
    private final Map<String, SiteEntry> sites = new TreeMap<>();
    private final Map<String, CameraEntry> cameras = new TreeMap<>();
    private final List<ConfigVersion> versions = new ArrayList<>();

    @Override
    public synchronized List<SiteEntry> sites() {
        return List.copyOf(sites.values());
    }

    @Override
    public synchronized Optional<SiteEntry> site(String id) {
        return Optional.ofNullable(sites.get(id));
    }

    @Override
    public synchronized ConfigWrite<SiteEntry> createSite(SiteConfig site, ConfigAuthor author) {
        check(ConfigValidator.site(site));
        if (sites.containsKey(site.id())) {
            throw new VigilException(ErrorKind.ALREADY_EXISTS, "site " + site.id() + " exists already");
        }
        ConfigVersion v = version(ConfigSubject.site(site.id()), ConfigAction.CREATE, author, null, site);
        SiteEntry e = new SiteEntry(site, ConfigOrigin.API, v.version(), v.at(), author);
        sites.put(site.id(), e);
        return new ConfigWrite<>(e, v, Map.of(), List.of());
    }

    @Override
    public synchronized ConfigWrite<SiteEntry> updateSite(SiteConfig site, Integer expectedVersion, ConfigAuthor author) {
        check(ConfigValidator.site(site));
        SiteEntry before = expect(sites.get(site.id()), ConfigSubject.site(site.id()), expectedVersion,
                SiteEntry::version);
        if (before.config().equals(site)) {
            return new ConfigWrite<>(before, null, Map.of(), List.of());
        }
        ConfigVersion v = version(ConfigSubject.site(site.id()), ConfigAction.UPDATE, author, before.config(), site);
        SiteEntry e = new SiteEntry(site, before.origin(), v.version(), v.at(), author);
        sites.put(site.id(), e);
        return new ConfigWrite<>(e, v, Map.of(), List.of());
    }

    @Override
    public synchronized ConfigWrite<SiteEntry> deleteSite(String id, Integer expectedVersion, ConfigAuthor author) {
        SiteEntry before = expect(sites.get(id), ConfigSubject.site(id), expectedVersion, SiteEntry::version);
        if (cameras.values().stream().anyMatch(c -> c.config().site().equals(id))) {
            throw new VigilException(ErrorKind.FAILED_PRECONDITION, "site " + id + " still has cameras");
        }
        sites.remove(id);
        return new ConfigWrite<>(null, version(ConfigSubject.site(id), ConfigAction.DELETE, author, before.config(), null),
                Map.of(), List.of());
    }

    @Override
    public synchronized List<CameraEntry> cameras() {
        return List.copyOf(cameras.values());
    }

    @Override
    public synchronized Optional<CameraEntry> camera(String id) {
        return Optional.ofNullable(cameras.get(id));
    }

    @Override
    public synchronized ConfigWrite<CameraEntry> createCamera(CameraConfig camera, ConfigAuthor author) {
        check(ConfigValidator.camera(camera, sites.keySet()));
        if (cameras.containsKey(camera.id())) {
            throw new VigilException(ErrorKind.ALREADY_EXISTS, "camera " + camera.id() + " exists already");
        }
        ConfigVersion v = version(ConfigSubject.camera(camera.id()), ConfigAction.CREATE, author, null, camera);
        CameraEntry e = new CameraEntry(camera, ConfigOrigin.API, v.version(), v.at(), author);
        cameras.put(camera.id(), e);
        return new ConfigWrite<>(e, v, Map.of(camera.id(), List.of("ingest started")), List.of());
    }

    @Override
    public synchronized ConfigWrite<CameraEntry> updateCamera(CameraConfig camera, Integer expectedVersion,
            ConfigAuthor author) {
        CameraEntry before = expect(cameras.get(camera.id()), ConfigSubject.camera(camera.id()), expectedVersion,
                CameraEntry::version);
        check(ConfigValidator.camera(camera, sites.keySet()));
        if (before.config().equals(camera)) {
            return new ConfigWrite<>(before, null, Map.of(), List.of());
        }
        ConfigVersion v = version(ConfigSubject.camera(camera.id()), ConfigAction.UPDATE, author, before.config(),
                camera);
        CameraEntry e = new CameraEntry(camera, before.origin(), v.version(), v.at(), author);
        cameras.put(camera.id(), e);
        return new ConfigWrite<>(e, v, Map.of(), List.of());
    }

    @Override
    public synchronized ConfigWrite<CameraEntry> updateAnalytics(String camera, AnalyticsConfig analytics,
            Integer expectedVersion, ConfigAuthor author) {
        CameraConfig c = cameras.containsKey(camera) ? cameras.get(camera).config() : null;
        if (c == null) {
            throw new VigilException(ErrorKind.NOT_FOUND, "no camera " + camera);
        }
        return updateCamera(new CameraConfig(c.id(), c.site(), c.name(), c.kind(), c.url(), c.detectUrl(),
                c.transport(), c.credentials(), c.location(), c.record(), analytics, c.enabled(), c.quirk(), c.onvif()),
                expectedVersion, author);
    }

    @Override
    public synchronized ConfigWrite<CameraEntry> deleteCamera(String id, Integer expectedVersion, ConfigAuthor author) {
        CameraEntry before = expect(cameras.get(id), ConfigSubject.camera(id), expectedVersion, CameraEntry::version);
        cameras.remove(id);
        return new ConfigWrite<>(null, version(ConfigSubject.camera(id), ConfigAction.DELETE, author, before.config(),
                null), Map.of(id, List.of("ingest stopped")), List.of());
    }

    @Override
    public synchronized List<ConfigVersion> history(ConfigSubject subject, int beforeVersion, int limit) {
        return versions.stream().filter(v -> v.subject().equals(subject) && v.version() < beforeVersion)
                .sorted((a, b) -> b.version() - a.version()).limit(limit).toList();
    }

    private static void check(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private static <T> T expect(T entry, ConfigSubject subject, Integer expected, java.util.function.ToIntFunction<T> v) {
        if (entry == null) {
            throw new VigilException(ErrorKind.NOT_FOUND, "no " + subject);
        }
        if (expected != null && expected != v.applyAsInt(entry)) {
            throw new VigilException(ErrorKind.FAILED_PRECONDITION, subject + " is at version " + v.applyAsInt(entry)
                    + ", not " + expected);
        }
        return entry;
    }

    private ConfigVersion version(ConfigSubject subject, ConfigAction action, ConfigAuthor author, Object before,
            Object after) {
        int n = (int) versions.stream().filter(v -> v.subject().equals(subject)).count() + 1;
        ConfigVersion v = new ConfigVersion(subject, n, action, Instant.now(), author,
                ConfigDiff.between(before == null ? null : ConfigJson.tree(before),
                        after == null ? null : ConfigJson.tree(after)));
        versions.add(v);
        return v;
    }
}
