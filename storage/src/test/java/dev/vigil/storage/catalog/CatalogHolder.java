package dev.vigil.storage.catalog;

import dev.vigil.core.config.CatalogConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Test helper run in a child JVM by {@link CatalogAutoServerIT}: opens the embedded catalog of
 * the data directory given as the argument, adds a recording, prints {@code ready}, and holds the
 * database until its standard input closes, as a running node does.
 */
public final class CatalogHolder {
    private CatalogHolder() {}

    public static void main(String[] args) throws Exception {
        try (Catalog catalog = Catalog.open(new CatalogConfig(null, null, null), Path.of(args[0]), Map.of())) {
            new RecordingRepository(catalog.dataSource()).insert(TestCatalogs.recording("gate-3",
                    Instant.parse("2026-03-01T10:00:00Z"), 60, "held-by-the-node.mp4", null));
            System.out.println("ready");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the catalog open
            }
        }
    }
}
