/** Tracking: stable ids for detected objects across frames (IoU with a centroid fallback). */
package dev.vigil.analytics.track;
