package dev.vigil.core.port;

import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.directory.CameraEntry;
import dev.vigil.core.directory.ConfigAuthor;
import dev.vigil.core.directory.ConfigOrigin;
import dev.vigil.core.directory.ConfigSubject;
import dev.vigil.core.directory.ConfigVersion;
import dev.vigil.core.directory.SiteEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where sites, cameras and their versions are kept (the catalog). Each write is one transaction
 * that changes the entry and appends its {@link ConfigVersion} (with the changes computed by
 * {@link dev.vigil.core.directory.ConfigDiff}), or does nothing. Callers validate configs first;
 * the store checks only what needs the stored state: existence, versions, and that a site has no
 * cameras when it is deleted.
 *
 * <p>Optimistic concurrency: an update or delete given an expected version fails when the entry
 * is at another version (two integrators editing the same camera, or two nodes). Thread-safe;
 * failures are {@link dev.vigil.core.error.VigilException}s: NOT_FOUND, ALREADY_EXISTS,
 * FAILED_PRECONDITION (version mismatch, site in use), UNAVAILABLE (catalog unreachable).
 */
public interface ConfigStore {
    /** Every site, by id. */
    List<SiteEntry> sites();

    Optional<SiteEntry> site(String id);

    /**
     * Stores a new site as version 1 (or the next number, if one of this id was deleted before).
     *
     * @throws dev.vigil.core.error.VigilException ALREADY_EXISTS if a site has this id
     */
    ConfigVersion createSite(SiteConfig site, ConfigOrigin origin, ConfigAuthor author, Instant at);

    /**
     * Replaces a site. Nothing is written when the config is unchanged.
     *
     * @param expectedVersion the version the caller read, or {@code null} to replace whatever is there
     * @return the new version, or empty when nothing changed
     */
    Optional<ConfigVersion> updateSite(SiteConfig site, Integer expectedVersion, ConfigAuthor author, Instant at);

    /**
     * Deletes a site that no camera is at.
     *
     * @throws dev.vigil.core.error.VigilException FAILED_PRECONDITION naming the cameras still there
     */
    ConfigVersion deleteSite(String id, Integer expectedVersion, ConfigAuthor author, Instant at);

    /** Every stored camera, by id. */
    List<CameraEntry> cameras();

    Optional<CameraEntry> camera(String id);

    /**
     * Stores a new camera at an existing site.
     *
     * @throws dev.vigil.core.error.VigilException ALREADY_EXISTS if a camera has this id,
     *     FAILED_PRECONDITION if its site does not exist
     */
    ConfigVersion createCamera(CameraConfig camera, ConfigOrigin origin, ConfigAuthor author, Instant at);

    /** Replaces a camera; see {@link #updateSite}. */
    Optional<ConfigVersion> updateCamera(CameraConfig camera, Integer expectedVersion, ConfigAuthor author, Instant at);

    ConfigVersion deleteCamera(String id, Integer expectedVersion, ConfigAuthor author, Instant at);

    /**
     * Versions of one subject, newest first.
     *
     * @param beforeVersion only versions below this one ({@link Integer#MAX_VALUE} for the newest)
     * @param limit at most this many
     */
    List<ConfigVersion> history(ConfigSubject subject, int beforeVersion, int limit);
}
