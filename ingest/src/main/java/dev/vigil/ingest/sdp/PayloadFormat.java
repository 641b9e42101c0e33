package dev.vigil.ingest.sdp;

import java.util.Map;
import java.util.Objects;

/**
 * One payload format of a media description: its {@code a=rtpmap} and {@code a=fmtp} together.
 *
 * @param rtpMap the payload type, encoding and clock rate
 * @param parameters the {@code a=fmtp} parameters of that payload type, keys lower-case; empty if none
 */
public record PayloadFormat(RtpMap rtpMap, Map<String, String> parameters) {
    public PayloadFormat {
        Objects.requireNonNull(rtpMap, "rtpMap");
        parameters = Map.copyOf(parameters);
    }

    public int payloadType() {
        return rtpMap.payloadType();
    }

    public int clockRate() {
        return rtpMap.clockRate();
    }
}
