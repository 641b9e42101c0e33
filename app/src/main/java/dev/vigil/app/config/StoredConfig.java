package dev.vigil.app.config;

import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.ConfigValidator;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.directory.CameraEntry;
import dev.vigil.core.directory.SiteEntry;
import dev.vigil.core.port.ConfigStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sites and cameras a node starts with: the config file imported into the catalog
 * ({@link ConfigSeed}), then everything the catalog holds. A stored camera that cannot start (its
 * password variable is unset on this node, or it no longer passes validation) is left out of the
 * start with an error in the log, and stays in the directory so it can be fixed through the API;
 * the node itself starts.
 *
 * @param sites every stored site
 * @param cameras every stored camera
 * @param startable the stored cameras' configs that start now
 */
public record StoredConfig(List<SiteEntry> sites, List<CameraEntry> cameras, List<CameraConfig> startable) {
    private static final Logger log = LoggerFactory.getLogger(StoredConfig.class);

    public StoredConfig {
        sites = List.copyOf(sites);
        cameras = List.copyOf(cameras);
        startable = List.copyOf(startable);
    }

    /** Imports the file, then reads the catalog. */
    public static StoredConfig load(ConfigStore store, VigilConfig file, Map<String, String> env, Clock clock) {
        ConfigSeed.importFile(store, file, clock);
        List<SiteEntry> sites = store.sites();
        List<CameraEntry> cameras = store.cameras();
        Set<String> siteIds = new TreeSet<>();
        sites.forEach(s -> siteIds.add(s.id()));
        List<CameraConfig> startable = new ArrayList<>();
        for (CameraEntry e : cameras) {
            CameraConfig c = e.config();
            List<String> problems = new ArrayList<>(ConfigValidator.camera(c, siteIds));
            if (Boolean.TRUE.equals(c.enabled()) && c.credentials() != null && c.credentials().passwordEnv() != null
                    && c.credentials().password(env) == null) {
                problems.add("cameras[" + c.id() + "].credentials.passwordEnv: environment variable "
                        + c.credentials().passwordEnv() + " is not set");
            }
            if (problems.isEmpty()) {
                startable.add(c);
            } else {
                log.error("camera {} in the catalog does not start: {}; fix it through the API", c.id(),
                        String.join("; ", problems));
            }
        }
        return new StoredConfig(sites, cameras, startable);
    }

    /** {@code base} with the stored sites and the startable cameras. */
    public VigilConfig applyTo(VigilConfig base) {
        return base.withSitesAndCameras(sites.stream().map(SiteEntry::config).toList(), startable);
    }

    /** The stored sites' configs. */
    public List<SiteConfig> siteConfigs() {
        return sites.stream().map(SiteEntry::config).toList();
    }
}
