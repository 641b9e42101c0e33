package dev.vigil.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Video codecs that Vigil ingests and records without transcoding. */
public enum Codec {
    @JsonProperty("h264") H264,
    @JsonProperty("h265") H265;

    /** The lower-case name used in CLI output, metrics and object metadata. */
    public String wireName() {
        return this == H264 ? "h264" : "h265";
    }
}
