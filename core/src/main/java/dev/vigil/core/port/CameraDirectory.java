package dev.vigil.core.port;

import dev.vigil.core.config.AnalyticsConfig;
import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.directory.CameraEntry;
import dev.vigil.core.directory.ConfigAuthor;
import dev.vigil.core.directory.ConfigSubject;
import dev.vigil.core.directory.ConfigVersion;
import dev.vigil.core.directory.ConfigWrite;
import dev.vigil.core.directory.SiteEntry;
import java.util.List;
import java.util.Optional;

/**
 * The node's sites and cameras as the API manages them. Every write is validated first (the
 * config file's rules, {@code api.cameraNetworks}, the password variable being set), stored as a
 * new version, then applied to the running engine, restarting only the parts of the one camera
 * that the change concerns (an analytics change never reconnects the camera nor cuts its
 * recording).
 *
 * <p>Errors: {@link dev.vigil.core.config.ConfigException} (INVALID_ARGUMENT) listing every problem
 * with its key path ({@code cameras[door].url: ...}); NOT_FOUND; ALREADY_EXISTS;
 * FAILED_PRECONDITION for a version mismatch, a site still in use, or a read-only (simulated)
 * camera. Thread-safe; writes are applied one at a time.
 */
public interface CameraDirectory {
    List<SiteEntry> sites();

    Optional<SiteEntry> site(String id);

    ConfigWrite<SiteEntry> createSite(SiteConfig site, ConfigAuthor author);

    /** @param expectedVersion the version the caller read, or {@code null} */
    ConfigWrite<SiteEntry> updateSite(SiteConfig site, Integer expectedVersion, ConfigAuthor author);

    ConfigWrite<SiteEntry> deleteSite(String id, Integer expectedVersion, ConfigAuthor author);

    /** Every camera, stored ones and the simulated ones, by id. */
    List<CameraEntry> cameras();

    Optional<CameraEntry> camera(String id);

    ConfigWrite<CameraEntry> createCamera(CameraConfig camera, ConfigAuthor author);

    ConfigWrite<CameraEntry> updateCamera(CameraConfig camera, Integer expectedVersion, ConfigAuthor author);

    /** Replaces only the camera's analytics (zones, lines, rules, detectors, mode). */
    ConfigWrite<CameraEntry> updateAnalytics(String camera, AnalyticsConfig analytics, Integer expectedVersion,
            ConfigAuthor author);

    ConfigWrite<CameraEntry> deleteCamera(String id, Integer expectedVersion, ConfigAuthor author);

    /** Versions of a site or camera, newest first; see {@link ConfigStore#history}. */
    List<ConfigVersion> history(ConfigSubject subject, int beforeVersion, int limit);
}
