package dev.vigil.app.config;

import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.directory.CameraEntry;
import dev.vigil.core.directory.ConfigAuthor;
import dev.vigil.core.directory.ConfigOrigin;
import dev.vigil.core.directory.SiteEntry;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The sites and cameras the node runs now: the stored ones and the simulated ones. What reads
 * camera metadata while the node runs (a recording's kind, a camera's site for the API's scopes
 * and the metrics, a site's time zone, the retention policy) reads it here, so a change through
 * the API is seen at once.
 *
 * <p>Thread-safe: readers see a consistent snapshot (copy on write); writers are the config
 * editor, one at a time.
 */
public final class CurrentConfig {
    private volatile Map<String, SiteEntry> sites;
    private volatile Map<String, CameraEntry> cameras;

    /**
     * @param sites the stored sites
     * @param cameras the stored cameras
     * @param simulated the simulated cameras (read-only, never stored)
     */
    public CurrentConfig(List<SiteEntry> sites, List<CameraEntry> cameras, List<CameraConfig> simulated) {
        Map<String, SiteEntry> s = new TreeMap<>();
        sites.forEach(e -> s.put(e.id(), e));
        Map<String, CameraEntry> c = new TreeMap<>();
        simulated.forEach(cfg -> c.put(cfg.id(), new CameraEntry(cfg, ConfigOrigin.SIMULATOR, 0, null, null)));
        cameras.forEach(e -> c.put(e.id(), e));
        this.sites = Collections.unmodifiableMap(s);
        this.cameras = Collections.unmodifiableMap(c);
    }

    public List<SiteEntry> sites() {
        return new ArrayList<>(sites.values());
    }

    public Optional<SiteEntry> site(String id) {
        return Optional.ofNullable(sites.get(id));
    }

    /** Every camera by id, simulated ones included. */
    public List<CameraEntry> cameras() {
        return new ArrayList<>(cameras.values());
    }

    public Optional<CameraEntry> camera(String id) {
        return Optional.ofNullable(cameras.get(id));
    }

    /** The camera's site id, or {@code null} for a camera not configured here. */
    public String siteOf(String camera) {
        CameraEntry e = cameras.get(camera);
        return e == null ? null : e.config().site();
    }

    /** The camera's kind, or {@code null} for a camera not configured here. */
    public CameraKind kindOf(CameraId camera) {
        CameraEntry e = cameras.get(camera.value());
        return e == null ? null : e.config().kind();
    }

    /** The time zone of a site's rule schedules; UTC for a site not stored (the simulated cameras' own). */
    public ZoneId timeZoneOf(String site) {
        SiteEntry e = site == null ? null : sites.get(site);
        return e == null ? ZoneOffset.UTC : ZoneId.of(e.config().timeZone());
    }

    /**
     * Whether connections of this camera are held to {@code api.cameraNetworks}: its current
     * version came through the API (checked when written, and at every connection since a name may
     * resolve elsewhere later). Cameras as the config file defines them, and the simulated ones,
     * are trusted as the operator wrote them.
     */
    public static boolean restricted(CameraEntry camera) {
        return camera.origin() != ConfigOrigin.SIMULATOR && camera.version() > 0
                && camera.updatedBy() != null && !ConfigAuthor.FILE.actor().equals(camera.updatedBy().actor());
    }

    /** {@code base} with these sites and stored cameras, for what reads a whole config (retention). */
    public VigilConfig applyTo(VigilConfig base) {
        List<SiteConfig> s = sites.values().stream().map(SiteEntry::config).toList();
        List<CameraConfig> c = cameras.values().stream().filter(e -> e.origin() != ConfigOrigin.SIMULATOR)
                .map(CameraEntry::config).toList();
        return base.withSitesAndCameras(s, c);
    }

    synchronized void put(CameraEntry camera) {
        Map<String, CameraEntry> c = new TreeMap<>(cameras);
        c.put(camera.id(), camera);
        cameras = Collections.unmodifiableMap(c);
    }

    synchronized void removeCamera(String id) {
        Map<String, CameraEntry> c = new TreeMap<>(cameras);
        c.remove(id);
        cameras = Collections.unmodifiableMap(c);
    }

    synchronized void put(SiteEntry site) {
        Map<String, SiteEntry> s = new TreeMap<>(sites);
        s.put(site.id(), site);
        sites = Collections.unmodifiableMap(s);
    }

    synchronized void removeSite(String id) {
        Map<String, SiteEntry> s = new TreeMap<>(sites);
        s.remove(id);
        sites = Collections.unmodifiableMap(s);
    }
}
