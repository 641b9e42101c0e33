/**
 * Sites and cameras as integrators manage them through the API: {@link
 * dev.vigil.core.directory.ManagedSite}, {@link dev.vigil.core.directory.ManagedCamera} (never its
 * password), kept in the catalog behind {@link dev.vigil.core.port.CameraDirectory}; and what a
 * stream test reports ({@link dev.vigil.core.directory.ProbeReport}, port
 * {@link dev.vigil.core.port.CameraProbe}).
 */
package dev.vigil.core.directory;
