/**
 * Evidence export: recorded segments of one camera stitched into MP4 files cut at key frames,
 * each source object's SHA-256 verified while it streams, with a JSON manifest and an audit row.
 */
package dev.vigil.storage.export;
