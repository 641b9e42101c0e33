/**
 * Benchmarks: JMH micro-benchmarks of the hot paths (mirroring the main packages) and the
 * end-to-end load runs, each reported against a baseline measured in the same run.
 */
package dev.vigil.bench;
