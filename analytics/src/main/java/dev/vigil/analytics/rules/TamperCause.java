package dev.vigil.analytics.rules;

/** Why a camera's view is no longer to be trusted. */
public enum TamperCause {
    /** The picture is flat: the lens is covered, sprayed or the scene is black. */
    COVERED,
    /** The picture lost most of its sharpness against the reference: defocused or smeared. */
    DEFOCUSED,
    /** The picture is the reference shifted: the camera was turned. */
    MOVED,
    /** The picture no longer resembles the reference, and is not a shift of it. */
    SCENE_CHANGED,
    /** Consecutive pictures are identical: the feed is frozen. */
    FROZEN
}
