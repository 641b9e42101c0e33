package dev.vigil.app.config;

import dev.vigil.core.config.CameraConfig;
import dev.vigil.core.config.SiteConfig;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.directory.CameraEntry;
import dev.vigil.core.directory.ConfigAuthor;
import dev.vigil.core.directory.ConfigOrigin;
import dev.vigil.core.directory.SiteEntry;
import dev.vigil.core.port.ConfigStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the config file's sites and cameras into the catalog at each start. The catalog is the
 * one source of the running sites and cameras; the file seeds it:
 *
 * <ul>
 *   <li>a site or camera of the file that the catalog does not have is stored (origin
 *       {@code file}, author {@code config-file}); so the first start imports the whole file;
 *   <li>one the catalog already has is left as the catalog has it (changes made through the API
 *       win), and a warning names it when the file says something else;
 *   <li>one removed from the file stays in the catalog (delete it through the API).
 * </ul>
 */
public final class ConfigSeed {
    private static final Logger log = LoggerFactory.getLogger(ConfigSeed.class);

    private ConfigSeed() {}

    /** What an import did. */
    public record Imported(List<String> added, List<String> differing) {}

    /** Imports what the catalog does not have yet; see the class comment. The file is already validated. */
    public static Imported importFile(ConfigStore store, VigilConfig file, Clock clock) {
        List<String> added = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        for (SiteConfig site : file.sites()) {
            Optional<SiteEntry> stored = store.site(site.id());
            if (stored.isEmpty()) {
                store.createSite(site, ConfigOrigin.FILE, ConfigAuthor.FILE, clock.instant());
                added.add("site " + site.id());
            } else if (!stored.get().config().equals(site)) {
                differing.add("site " + site.id());
            }
        }
        for (CameraConfig camera : file.cameras()) {
            Optional<CameraEntry> stored = store.camera(camera.id());
            if (stored.isEmpty()) {
                store.createCamera(camera, ConfigOrigin.FILE, ConfigAuthor.FILE, clock.instant());
                added.add("camera " + camera.id());
            } else if (!stored.get().config().equals(camera)) {
                differing.add("camera " + camera.id());
            }
        }
        if (!added.isEmpty()) {
            log.info("config file: imported into the catalog: {}", String.join(", ", added));
        }
        if (!differing.isEmpty()) {
            log.warn("config file: {} differ(s) from the catalog, which wins (changed through the API since it was"
                    + " imported); change them through the API: {}", differing.size(), String.join(", ", differing));
        }
        return new Imported(added, differing);
    }
}
