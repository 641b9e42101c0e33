package dev.vigil.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How RTP reaches Vigil from a camera. */
public enum Transport {
    /** TCP interleaved first, UDP when TCP is refused or carries nothing. */
    @JsonProperty("auto") AUTO,
    /** RTP interleaved on the RTSP TCP connection (RFC 2326 section 10.12). */
    @JsonProperty("tcp") TCP,
    /** RTP/RTCP over UDP unicast port pairs. */
    @JsonProperty("udp") UDP
}
