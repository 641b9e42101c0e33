package dev.vigil.storage.retention;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.export.ExportJob;
import dev.vigil.storage.catalog.CatalogItem;
import dev.vigil.storage.catalog.DeletionReason;

/**
 * Told what the {@link RetentionWorker} does, for metrics. Callbacks run on the worker's thread;
 * they must be fast and must not throw.
 */
public interface RetentionListener {
    /** The item's object and row are gone. */
    void deleted(CatalogItem item, DeletionReason reason);

    /** Deleting the item's object or row failed; the row stays and the next run retries. */
    void failed(CatalogItem item, VigilException error);

    /** The export job's files ({@code bytes} of them) are gone and it is marked expired. */
    default void exportExpired(ExportJob job, long bytes) {}

    /** Expiring the export job failed; it stays done and the next run retries. */
    default void exportFailed(ExportJob job, VigilException error) {}

    /** A listener that does nothing. */
    RetentionListener NONE = new RetentionListener() {
        @Override
        public void deleted(CatalogItem item, DeletionReason reason) {}

        @Override
        public void failed(CatalogItem item, VigilException error) {}
    };
}
