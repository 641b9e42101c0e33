/**
 * Per-camera supervision: {@code CameraSupervisor} (reconnect with backoff and jitter, no-data
 * watchdog, health, bounded fan-out to {@code Subscription}s) and the {@code Gateway} that runs one
 * per configured camera.
 */
package dev.vigil.ingest.supervisor;
