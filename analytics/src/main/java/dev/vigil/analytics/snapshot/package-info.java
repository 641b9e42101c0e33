/** Event snapshots: the best frame of each open event, drawn and encoded as JPEG. */
package dev.vigil.analytics.snapshot;
