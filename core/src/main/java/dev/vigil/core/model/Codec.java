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

    /**
     * The codec named by {@link #wireName()}.
     *
     * @throws dev.vigil.core.error.VigilException {@code INVALID_ARGUMENT} for any other name
     */
    public static Codec fromWireName(String name) {
        return switch (name) {
            case "h264" -> H264;
            case "h265" -> H265;
            default -> throw dev.vigil.core.error.VigilException.invalid("unknown codec '" + name
                    + "' (known: h264, h265)");
        };
    }
}
