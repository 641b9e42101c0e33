package dev.vigil.ingest.onvif;

import java.util.Locale;
import java.util.Objects;

/**
 * One media profile of a device: a video encoder configuration Vigil can ask a stream URI for.
 *
 * @param token the profile token (what GetStreamUri takes)
 * @param name the display name; may equal the token
 * @param codec the video encoding in upper case ({@code H264}, {@code H265}, {@code JPEG},
 *     {@code MPEG4}), or an empty string when the profile has no video encoder
 * @param width encoded width in pixels, 0 when unknown
 * @param height encoded height in pixels, 0 when unknown
 */
public record MediaProfile(String token, String name, String codec, int width, int height) {
    public MediaProfile {
        Objects.requireNonNull(token, "token");
        name = name == null || name.isEmpty() ? token : name;
        codec = codec == null ? "" : normalise(codec);
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("profile " + token + ": negative size " + width + "x" + height);
        }
    }

    /** Media2 spells H.265 {@code H265}, Media {@code H265} or (some vendors) {@code HEVC}. */
    private static String normalise(String codec) {
        String c = codec.strip().toUpperCase(Locale.ROOT).replace(".", "");
        return c.equals("HEVC") ? "H265" : c;
    }

    /** Width times height. */
    public long area() {
        return (long) width * height;
    }

    /** Whether Vigil can ingest this profile's video (H.264 or H.265). */
    public boolean ingestible() {
        return codec.equals("H264") || codec.equals("H265");
    }
}
