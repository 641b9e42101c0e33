package dev.vigil.app.alerts;

import dev.vigil.api.http.RouteGroup;
import dev.vigil.api.routes.AlertFeed;
import dev.vigil.api.routes.AlertRoutes;
import dev.vigil.api.routes.AlertStreamRoutes;
import dev.vigil.core.config.VigilConfig;
import dev.vigil.core.port.AuditLog;
import dev.vigil.storage.catalog.CatalogAlertSearch;
import dev.vigil.storage.object.ObjectStore;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the IOC's operators use through the API, wired: alert listing, detail and actions over the
 * catalog ({@link CatalogAlertSearch}), snapshots and clips from the object store
 * ({@link BucketAlertMedia}), and the live stream ({@link AlertFeed}, polling the catalog every
 * second, at most half of {@code api.limits.workerThreads} streams at once, since each holds a
 * worker). Nothing runs until the first stream subscribes. {@link #close()} ends the streams
 * (cleanly, before the API server stops when closed first) and stops the poller.
 */
public final class OperatorWiring implements AutoCloseable {
    /** How often the stream's poller reads the catalog. */
    static final Duration POLL = Duration.ofSeconds(1);

    private final AlertFeed feed;
    private final List<RouteGroup> routes;

    private OperatorWiring(AlertFeed feed, List<RouteGroup> routes) {
        this.feed = feed;
        this.routes = routes;
    }

    public static OperatorWiring start(VigilConfig config, DataSource catalog, ObjectStore store, AuditLog audit) {
        CatalogAlertSearch review = new CatalogAlertSearch(catalog);
        AlertFeed feed = new AlertFeed(review, Math.max(1, config.api().limits().workerThreads() / 2), POLL);
        BucketAlertMedia media = new BucketAlertMedia(store, config.objectStore().snapshotsBucket(),
                config.objectStore().clipsBucket());
        return new OperatorWiring(feed, List.of(new AlertRoutes(review, media, audit),
                new AlertStreamRoutes(review, feed)));
    }

    /** The alert routes and the stream. */
    public List<RouteGroup> routes() {
        return routes;
    }

    /** The live feed (tests read how many streams are open). */
    public AlertFeed feed() {
        return feed;
    }

    @Override
    public void close() {
        feed.close();
    }
}
