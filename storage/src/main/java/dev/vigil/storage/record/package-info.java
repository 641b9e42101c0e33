/**
 * Continuous recording: the per-camera {@link dev.vigil.storage.record.SegmentRecorder} cuts the
 * access units into fMP4 segments in the local {@link dev.vigil.storage.record.Spool}, and the
 * {@link dev.vigil.storage.record.SegmentUploader} moves finished segments, oldest first, to the
 * object store and the catalog. Nothing leaves the spool before both have it.
 */
package dev.vigil.storage.record;
