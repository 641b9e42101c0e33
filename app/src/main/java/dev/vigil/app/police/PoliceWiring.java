package dev.vigil.app.police;

import dev.vigil.api.auth.CameraSites;
import dev.vigil.api.http.RouteGroup;
import dev.vigil.api.routes.PoliceRoutes;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.port.AuditLog;
import dev.vigil.storage.catalog.Catalog;
import dev.vigil.storage.catalog.CatalogRecordingSearch;
import dev.vigil.storage.catalog.ExportAuditRepository;
import dev.vigil.storage.catalog.ExportJobRepository;
import dev.vigil.storage.catalog.RecordingRepository;
import dev.vigil.storage.export.ExportJobRunner;
import dev.vigil.storage.export.ExportService;
import dev.vigil.storage.export.ExportSigningKey;
import dev.vigil.storage.object.ObjectStore;
import dev.vigil.storage.playback.SegmentPlayback;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * What the police use, wired from the catalog and the object store: recording search
 * ({@link CatalogRecordingSearch}, camera names from the configuration), playback
 * ({@link SegmentPlayback}) and evidence export jobs ({@link ExportJobRunner}, signed with the
 * node's {@link ExportSigningKey} in {@code <dataDir>/keys}, files in the exports bucket, work
 * files under {@code <dataDir>/exports}), and their route groups. {@link #close()} stops the
 * playback readers and the export workers.
 */
public final class PoliceWiring implements AutoCloseable {
    private final SegmentPlayback playback;
    private final ExportJobRunner exports;
    private final List<RouteGroup> routes;

    private PoliceWiring(SegmentPlayback playback, ExportJobRunner exports, List<RouteGroup> routes) {
        this.playback = playback;
        this.exports = exports;
        this.routes = routes;
    }

    /**
     * Starts playback and export workers (failing the export jobs this node left unfinished).
     *
     * @param names a camera's display name as configured now, or {@code null}
     */
    public static PoliceWiring start(VigilConfig config, Path dataDir, Catalog catalog, ObjectStore store,
            Function<CameraId, String> names, AuditLog audit, CameraSites sites, Clock clock) {
        RecordingRepository recordings = new RecordingRepository(catalog.dataSource());
        String segments = config.objectStore().segmentsBucket();
        SegmentPlayback playback = new SegmentPlayback(recordings, store, segments, clock);
        ExportJobRunner exports;
        try {
            ExportService service = new ExportService(store, segments, new ExportAuditRepository(catalog.dataSource()),
                    clock);
            exports = new ExportJobRunner(new ExportJobRepository(catalog.dataSource()), recordings, service, store,
                    config.objectStore().exportsBucket(), ExportSigningKey.loadOrCreate(dataDir),
                    dataDir.resolve("exports"), config.node().id(), clock).start();
        } catch (RuntimeException e) {
            playback.close();
            throw e;
        }
        List<RouteGroup> routes = PoliceRoutes.of(new CatalogRecordingSearch(catalog.dataSource(), names),
                playback, exports, audit, sites);
        return new PoliceWiring(playback, exports, routes);
    }

    /** Search, playback and export routes. */
    public List<RouteGroup> routes() {
        return routes;
    }

    /** The export jobs of this node. */
    public ExportJobRunner exports() {
        return exports;
    }

    @Override
    public void close() {
        exports.close();
        playback.close();
    }
}
