package dev.vigil.ingest.sdp;

import java.util.List;
import java.util.Optional;

/**
 * A parsed SDP (RFC 8866) as an RTSP DESCRIBE returns it: only what a client needs.
 *
 * @param sessionName the {@code s=} line, or {@code ""}
 * @param control the session-level {@code a=control}, or {@code null}
 * @param media the media sections that could be parsed, in order
 * @param skippedMedia the number of {@code m=} sections that could not be parsed (quirk 14)
 */
public record SessionDescription(String sessionName, String control, List<MediaDescription> media,
        int skippedMedia) {
    public SessionDescription {
        sessionName = sessionName == null ? "" : sessionName;
        media = List.copyOf(media);
        if (skippedMedia < 0) {
            throw new IllegalArgumentException("skippedMedia must be >= 0, was " + skippedMedia);
        }
    }

    /** The first video section whose rtpmap names {@code encoding}. */
    public Optional<MediaDescription> firstVideo(String encoding) {
        return media.stream().filter(m -> m.type().equals("video") && m.rtpMap(encoding).isPresent()).findFirst();
    }

    /**
     * Resolves a control attribute against the aggregate base URL (RFC 2326 appendix C.1.1):
     * absolute URLs stay, {@code *} or none means the base itself, anything else is appended to the
     * base after a {@code /} unless the base already ends in one, query string and all.
     *
     * <p>Not RFC 3986 reference resolution, on purpose: cameras are tested against FFmpeg and
     * LIVE555, which concatenate. Dahua's base {@code .../realmonitor?channel=1&proto=Onvif/} plus
     * {@code trackID=0} must give {@code .../realmonitor?channel=1&proto=Onvif/trackID=0}, which
     * RFC 3986 resolution would turn into {@code .../cam/trackID=0}.
     */
    public static String resolveControl(String baseUrl, String control) {
        if (control == null || control.isEmpty() || control.equals("*")) {
            return baseUrl;
        }
        String lower = control.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("rtsp://") || lower.startsWith("rtsps://") || lower.startsWith("rtspu://")) {
            return control;
        }
        return baseUrl + (baseUrl.endsWith("/") ? "" : "/") + control;
    }
}
