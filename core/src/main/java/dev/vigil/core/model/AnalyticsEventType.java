package dev.vigil.core.model;

/** What an analytics rule saw. */
public enum AnalyticsEventType {
    /** An object of a watched class entered a zone. */
    ZONE_INTRUSION,
    /** An object crossed a line (counted); attribute {@code direction}. */
    LINE_CROSSING,
    /** An object crossed a line against its allowed direction; attribute {@code direction}. */
    WRONG_WAY,
    /** An object stayed in a zone longer than the rule's dwell time. */
    LOITERING,
    /** The number of objects in a zone reached the rule's threshold; attribute {@code count}. */
    CROWDING,
    /** A vehicle stood still in a zone longer than the rule's time. */
    STOPPED_OBJECT,
    /** The camera's view was covered, defocused, moved or frozen; attribute {@code cause}. */
    CAMERA_TAMPER
}
