/**
 * Sites and cameras as integrators manage them: entries with their origin and version, who
 * changed what ({@link dev.vigil.core.directory.ConfigVersion} with
 * {@link dev.vigil.core.directory.FieldChange}s computed by {@link dev.vigil.core.directory.ConfigDiff}),
 * and the canonical JSON form they are stored and compared in ({@link dev.vigil.core.directory.ConfigJson}).
 * The ports that keep and apply them are {@link dev.vigil.core.port.ConfigStore} and
 * {@link dev.vigil.core.port.CameraDirectory}.
 */
package dev.vigil.core.directory;
