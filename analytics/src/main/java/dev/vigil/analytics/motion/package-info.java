/** Motion: what changed against a learned background (running average or MOG2). It gates the object detectors. */
package dev.vigil.analytics.motion;
