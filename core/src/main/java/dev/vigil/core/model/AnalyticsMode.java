package dev.vigil.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How much of a camera's video analytics decodes. */
public enum AnalyticsMode {
    /** Decode every frame, analyse at the configured rate. */
    @JsonProperty("full") FULL,
    /** Decode key frames only. */
    @JsonProperty("keyframes") KEYFRAMES,
    /** No analytics. */
    @JsonProperty("off") OFF
}
