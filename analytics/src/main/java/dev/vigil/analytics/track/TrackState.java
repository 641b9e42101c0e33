package dev.vigil.analytics.track;

/** Where a track is in its life. */
public enum TrackState {
    /** Seen fewer than {@code confirmHits} times: not yet trusted, rules ignore it. */
    TENTATIVE,
    /** Seen often enough: rules act on it. */
    CONFIRMED
}
