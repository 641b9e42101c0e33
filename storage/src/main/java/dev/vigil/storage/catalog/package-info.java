/**
 * The SQL catalog: the JDBC connection pool and the schema migrations (Flyway, {@code db/migration})
 * that hold sites, cameras, recordings, clips, legal holds and the deletion log, and the
 * repositories over them ({@link dev.vigil.storage.catalog.RecordingRepository},
 * {@link dev.vigil.storage.catalog.ClipRepository}, {@link dev.vigil.storage.catalog.LegalHoldRepository},
 * {@link dev.vigil.storage.catalog.RetentionRepository}), and the alerts with their
 * transactional outbox ({@link dev.vigil.storage.catalog.AlertRepository},
 * {@link dev.vigil.storage.catalog.AlertOutbox}). One schema runs on the embedded H2 file
 * database of the default run and on PostgreSQL in production.
 */
package dev.vigil.storage.catalog;
