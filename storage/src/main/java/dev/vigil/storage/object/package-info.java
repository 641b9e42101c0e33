/**
 * The object store port and its MinIO SDK adapter: where segments, clips and snapshots live as S3
 * objects, reached the same way whether the server is a MinIO cluster or the embedded S3 server of
 * the default run. Every failure surfaces as a {@code VigilException} with an {@code ErrorKind}.
 */
package dev.vigil.storage.object;
