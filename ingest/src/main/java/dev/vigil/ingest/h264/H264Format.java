package dev.vigil.ingest.h264;

import dev.vigil.core.model.Codec;
import dev.vigil.core.model.ParameterSets;
import dev.vigil.ingest.sdp.MediaDescription;
import dev.vigil.ingest.sdp.PayloadFormat;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The H.264 RTP format of an SDP media section (RFC 6184 section 8.1). Pure.
 *
 * @param payloadType the dynamic payload type from the rtpmap (quirk 27: trust rtpmap, not tables)
 * @param clockRate normally 90000
 * @param packetizationMode 0 (single NAL) or 1 (non-interleaved); 0 when absent, per the RFC
 * @param profileLevelId the 24-bit {@code profile-level-id}, from the SPS when there is one, else
 *     from the fmtp, or -1 when neither is usable
 * @param parameterSets SPS and PPS from {@code sprop-parameter-sets}, or {@code null} when absent
 *     or unusable (then the depacketizer waits for in-band ones)
 */
public record H264Format(int payloadType, int clockRate, int packetizationMode, int profileLevelId,
        ParameterSets parameterSets) {
    public H264Format {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payloadType must be in [0, 127], was " + payloadType);
        }
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clockRate must be positive, was " + clockRate);
        }
        if (profileLevelId < -1 || profileLevelId > 0xffffff) {
            throw new IllegalArgumentException("profileLevelId must be 24 bits or -1, was " + profileLevelId);
        }
    }

    /** The H.264 format of {@code media}, if its rtpmap names H264. */
    public static Optional<H264Format> of(MediaDescription media) {
        return media.payloadFormat("H264").map(H264Format::of);
    }

    private static H264Format of(PayloadFormat format) {
        Map<String, String> fmtp = format.parameters();
        int mode = 0;
        try {
            mode = Integer.parseInt(fmtp.getOrDefault("packetization-mode", "0").strip());
        } catch (NumberFormatException e) {
            mode = 1; // unreadable: mode 1 depacketizing also accepts mode 0 streams
        }
        ParameterSets sets = sprop(fmtp.get("sprop-parameter-sets"));
        int profile = sets != null ? profileLevelIdOf(sets.sps()) : parseProfileLevelId(fmtp.get("profile-level-id"));
        return new H264Format(format.payloadType(), format.clockRate(), mode, profile, sets);
    }

    /** The {@code profile-level-id} of an SPS: its bytes 1 to 3. */
    public static int profileLevelIdOf(byte[] sps) {
        return ((sps[1] & 0xff) << 16) | ((sps[2] & 0xff) << 8) | (sps[3] & 0xff);
    }

    /** Six hex digits, else -1 (quirk 15, GW Security GW4089IP: {@code 5046314}; macro-video: base64). */
    static int parseProfileLevelId(String value) {
        if (value == null || value.strip().length() != 6) {
            return -1;
        }
        try {
            return Integer.parseInt(value.strip(), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Decodes {@code sprop-parameter-sets} (comma-separated base64 NAL units). Quirk 15/16 (GW
     * Security GW4089IP, V380): Annex B start codes inside the decoded units are split off. Returns
     * {@code null} when no SPS and PPS can be found.
     */
    static ParameterSets sprop(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        byte[] sps = null;
        byte[] pps = null;
        for (String part : value.split(",")) {
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(part.strip());
            } catch (IllegalArgumentException e) {
                continue;
            }
            List<byte[]> nals = AnnexB.split(decoded);
            for (byte[] nal : nals) {
                int type = NalType.of(nal[0]);
                if (type == NalType.SPS && sps == null && nal.length >= 4) {
                    sps = nal;
                } else if (type == NalType.PPS && pps == null) {
                    pps = nal;
                }
            }
        }
        return sps != null && pps != null ? new ParameterSets(Codec.H264, null, sps, pps) : null;
    }

    /** The fmtp line a server would send for these parameter sets. */
    public static String fmtp(int payloadType, byte[] sps, byte[] pps) {
        Base64.Encoder b64 = Base64.getEncoder();
        return "a=fmtp:" + payloadType + " packetization-mode=1;profile-level-id="
                + String.format(Locale.ROOT, "%06x", profileLevelIdOf(sps)) + ";sprop-parameter-sets="
                + b64.encodeToString(sps) + "," + b64.encodeToString(pps);
    }
}
