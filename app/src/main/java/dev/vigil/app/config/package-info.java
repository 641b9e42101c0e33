/**
 * Sites and cameras managed while the node runs: {@link dev.vigil.app.config.ConfigEditor} (the
 * API's {@link dev.vigil.core.port.CameraDirectory}: validate, store a version, apply),
 * {@link dev.vigil.app.config.LiveCameras} (restarts only the parts of one camera that
 * {@link dev.vigil.app.config.CameraDiff} says a change concerns), {@link dev.vigil.app.config.CurrentConfig}
 * (what runs now, read by recording, analytics, status and retention) and
 * {@link dev.vigil.app.config.ConfigSeed} (the config file's sites and cameras into the catalog).
 */
package dev.vigil.app.config;
