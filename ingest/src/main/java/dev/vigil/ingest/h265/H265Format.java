package dev.vigil.ingest.h265;

import dev.vigil.core.model.Codec;
import dev.vigil.core.model.ParameterSets;
import dev.vigil.ingest.h264.AnnexB;
import dev.vigil.ingest.rtp.NalSyntax;
import dev.vigil.ingest.sdp.MediaDescription;
import dev.vigil.ingest.sdp.PayloadFormat;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The H.265 RTP format of an SDP media section (RFC 7798 section 7.1). Pure.
 *
 * @param payloadType the dynamic payload type from the rtpmap
 * @param clockRate normally 90000
 * @param parameterSets VPS, SPS and PPS from {@code sprop-vps}, {@code sprop-sps} and
 *     {@code sprop-pps}, or {@code null} when any is absent or unusable (then in-band ones are
 *     awaited); {@code sprop-sei} and other parameters are ignored (quirk 41: they may be long)
 */
public record H265Format(int payloadType, int clockRate, ParameterSets parameterSets) {
    public H265Format {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payloadType must be in [0, 127], was " + payloadType);
        }
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clockRate must be positive, was " + clockRate);
        }
    }

    /** The H.265 format of {@code media}, if its rtpmap names H265. */
    public static Optional<H265Format> of(MediaDescription media) {
        return media.payloadFormat("H265").map(H265Format::of);
    }

    private static H265Format of(PayloadFormat format) {
        Map<String, String> fmtp = format.parameters();
        byte[] vps = nal(fmtp.get("sprop-vps"), H265NalType.VPS);
        byte[] sps = nal(fmtp.get("sprop-sps"), H265NalType.SPS);
        byte[] pps = nal(fmtp.get("sprop-pps"), H265NalType.PPS);
        ParameterSets sets = vps != null && sps != null && pps != null ? new ParameterSets(Codec.H265, vps, sps, pps)
                : null;
        return new H265Format(format.payloadType(), format.clockRate(), sets);
    }

    /**
     * The first NAL unit of {@code type} in a base64 value (a comma-separated list is allowed);
     * Annex B start codes inside are split off (quirk 16). {@code null} when there is none.
     */
    static byte[] nal(String value, int type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (String part : value.split(",")) {
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(part.strip());
            } catch (IllegalArgumentException e) {
                continue;
            }
            for (byte[] nal : AnnexB.startsWithStartCode(decoded, 0, decoded.length) ? AnnexB.split(decoded)
                    : java.util.List.of(decoded)) {
                if (nal.length >= 3 && NalSyntax.H265.type(nal[0]) == type) {
                    return nal;
                }
            }
        }
        return null;
    }

    /** The fmtp line that announces {@code vps}, {@code sps} and {@code pps} (for the simulated cameras). */
    public static String fmtp(int payloadType, byte[] vps, byte[] sps, byte[] pps) {
        Base64.Encoder b64 = Base64.getEncoder();
        return "a=fmtp:" + payloadType + " sprop-vps=" + b64.encodeToString(vps) + ";sprop-sps="
                + b64.encodeToString(sps) + ";sprop-pps=" + b64.encodeToString(pps);
    }
}
