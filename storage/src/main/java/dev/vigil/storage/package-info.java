/**
 * Storage: the object store (MinIO SDK; the embedded server is reached the same way), the SQL
 * catalog (JDBC, Flyway migrations that run on H2 and PostgreSQL alike), the segment recorder and
 * spool, retention and evidence export.
 */
package dev.vigil.storage;
