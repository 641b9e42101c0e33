/** Benchmarks of analytics: decoding ({@link dev.vigil.bench.analytics.DecodeRun}). */
package dev.vigil.bench.analytics;
