/**
 * Alerts to the IOC: the {@link dev.vigil.core.alert.Alert} record and its parts, the versioned
 * JSON encoding of topic {@code vigil.alerts.v1} ({@link dev.vigil.core.alert.AlertJson}, schema in
 * {@code docs/schema/vigil.alerts.v1.schema.json}), the mapping from what raises alerts (analytics
 * events, camera health, the cameras' own events) to alerts ({@link dev.vigil.core.alert.AlertMapping}),
 * the offline rule ({@link dev.vigil.core.alert.OfflineDetector}) and the IOC's acknowledgements
 * ({@link dev.vigil.core.alert.AlertAckParser}). Everything here is pure: no I/O, no clock read.
 */
package dev.vigil.core.alert;
