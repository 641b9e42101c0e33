/**
 * The demo's simulated cameras: {@code SceneEncoder} draws and encodes a synthetic scene with
 * FFmpeg once at start, {@code SimulatedCameras} serves it through the ingest module's RTSP server
 * and hands out camera configs, so the gateway ingests it like any real camera.
 */
package dev.vigil.app.sim;
