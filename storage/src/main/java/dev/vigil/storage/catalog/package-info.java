/**
 * The SQL catalog: the JDBC connection pool and the schema migrations (Flyway, {@code db/migration})
 * that hold sites, cameras and recordings. One schema runs on the embedded H2 file database of the
 * default run and on PostgreSQL in production.
 */
package dev.vigil.storage.catalog;
