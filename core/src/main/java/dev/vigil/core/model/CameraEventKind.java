package dev.vigil.core.model;

/** What a camera's own event (ONVIF) is about, in Vigil's terms. */
public enum CameraEventKind {
    /** The camera saw motion ({@code tns1:VideoSource/MotionAlarm}, {@code tns1:RuleEngine/CellMotionDetector/Motion}). */
    MOTION,
    /** The view was covered, moved, blurred, or made too dark or bright. */
    TAMPER
}
