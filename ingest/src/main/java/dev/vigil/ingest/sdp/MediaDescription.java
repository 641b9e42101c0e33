package dev.vigil.ingest.sdp;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code m=} section of an SDP.
 *
 * @param type {@code video}, {@code audio}, {@code application}...
 * @param port the port of the {@code m=} line (0 for RTSP, which negotiates in SETUP)
 * @param protocol e.g. {@code RTP/AVP}
 * @param payloadTypes the formats of the {@code m=} line
 * @param control the {@code a=control} value as written, or {@code null}
 * @param rtpMaps the {@code a=rtpmap} attributes by payload type
 * @param formatParameters the {@code a=fmtp} parameters by payload type (names lower-cased)
 */
public record MediaDescription(String type, int port, String protocol, List<Integer> payloadTypes, String control,
        Map<Integer, RtpMap> rtpMaps, Map<Integer, Map<String, String>> formatParameters) {
    public MediaDescription {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(protocol, "protocol");
        payloadTypes = List.copyOf(payloadTypes);
        rtpMaps = Map.copyOf(rtpMaps);
        formatParameters = Map.copyOf(formatParameters);
    }

    /** The rtpmap of the first payload type that has one with this encoding (case-insensitive). */
    public Optional<RtpMap> rtpMap(String encoding) {
        for (int pt : payloadTypes) {
            RtpMap map = rtpMaps.get(pt);
            if (map != null && map.encoding().equalsIgnoreCase(encoding)) {
                return Optional.of(map);
            }
        }
        return Optional.empty();
    }

    /** The fmtp parameters of {@code payloadType}; empty if none (quirk 13: a bare {@code a=fmtp:96}). */
    public Map<String, String> formatParameters(int payloadType) {
        return formatParameters.getOrDefault(payloadType, Map.of());
    }

    /** The first payload format with {@code encoding} (case-insensitive) and its parameters. */
    public Optional<PayloadFormat> payloadFormat(String encoding) {
        return rtpMap(encoding).map(m -> new PayloadFormat(m, formatParameters(m.payloadType())));
    }
}
