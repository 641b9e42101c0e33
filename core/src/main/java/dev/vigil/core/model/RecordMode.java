package dev.vigil.core.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/** How a camera is recorded. */
public enum RecordMode {
    /** Every access unit is written to segments. */
    @JsonProperty("continuous") CONTINUOUS,
    /** Only event clips (pre-roll + event + post-roll) are kept. */
    @JsonProperty("events") @JsonAlias("events-only") EVENTS,
    /** Nothing is recorded. */
    @JsonProperty("off") OFF
}
