/**
 * Retention: how long each camera's recordings and clips are kept ({@link
 * dev.vigil.storage.retention.RetentionPolicy}, pure), and the worker that deletes what has expired
 * or what exceeds the storage budget, object first, then row, never anything under legal hold
 * ({@link dev.vigil.storage.retention.RetentionWorker}).
 */
package dev.vigil.storage.retention;
