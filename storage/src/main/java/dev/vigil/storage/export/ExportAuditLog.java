package dev.vigil.storage.export;

/**
 * Where {@link ExportService} records every export it runs, finished or failed
 * ({@code dev.vigil.storage.catalog.ExportAuditRepository} in the catalog).
 */
public interface ExportAuditLog {
    /**
     * Records one export.
     *
     * @throws dev.vigil.core.error.VigilException {@code UNAVAILABLE} if it cannot be recorded now
     */
    void record(ExportAuditEntry entry);
}
