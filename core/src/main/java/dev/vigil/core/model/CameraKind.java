package dev.vigil.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a camera watches; drives retention defaults and alert routing at the IOC. */
public enum CameraKind {
    @JsonProperty("traffic") TRAFFIC,
    @JsonProperty("security") SECURITY,
    @JsonProperty("quarantine") QUARANTINE
}
