package dev.vigil.ingest.sdp;

import java.util.Objects;

/**
 * An {@code a=rtpmap} attribute (RFC 8866 section 6.6).
 *
 * @param payloadType 0 to 127
 * @param encoding encoding name as written, e.g. {@code H264}
 * @param clockRate clock rate in Hz, positive
 * @param channels encoding parameters (audio channels), or {@code null}
 */
public record RtpMap(int payloadType, String encoding, int clockRate, String channels) {
    public RtpMap {
        Objects.requireNonNull(encoding, "encoding");
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("rtpmap payload type must be in [0, 127], was " + payloadType);
        }
        if (clockRate <= 0) {
            throw new IllegalArgumentException("rtpmap clock rate must be positive, was " + clockRate);
        }
    }
}
