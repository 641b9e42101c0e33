/** People and number plates by the Haar cascades shipped in the bytedeco OpenCV jar. */
package dev.vigil.analytics.detect.cascade;
