/**
 * Evidence export jobs as the API sees them: the order, the job's state and progress, its files
 * (stitched MP4 parts, a manifest and the manifest's Ed25519 signature).
 */
package dev.vigil.core.export;
