package dev.vigil.analytics.motion;

/** How motion is found. */
public enum MotionMethod {
    /** Difference against a running-average background (cheap; the default). */
    RUNNING_AVERAGE,
    /** OpenCV's Gaussian-mixture background subtractor MOG2 (Zivkovic 2004): copes with swaying trees and flicker, costs more. */
    MOG2
}
