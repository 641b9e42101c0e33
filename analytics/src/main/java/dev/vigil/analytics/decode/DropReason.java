package dev.vigil.analytics.decode;

import java.util.Locale;

/** Why an access unit was not decoded (the {@code reason} label of the drop counter). */
public enum DropReason {
    /** The camera's queue was full (the pool or its consumer is behind): dropped to the next key frame. */
    BEHIND,
    /** The decoder could not use the unit (decode error, or a picture it had to conceal). */
    CORRUPT,
    /** Waiting for a key frame after a corrupt unit, a discontinuity or a decoder (re)open. */
    AWAITING_KEYFRAME;

    /** The metric label: the name in lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
