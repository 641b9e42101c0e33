package dev.vigil.ingest.rtsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The {@code RTP-Info} header of a PLAY response (RFC 2326 section 12.33): per stream, its URL and
 * optionally the first packet's sequence number, RTP time and (a common extension) SSRC. Pure and
 * lenient: an unreadable value is left out, never an error.
 *
 * <ul>
 *   <li>Quirk 2 (Hikvision DS-2CD2032-I {@code seq=0}, Tapo C320WS {@code seq=1}, then other real
 *       numbers): {@link #trustedSequence()} treats 0 and 1 as unknown; the client syncs on the first
 *       packet anyway.
 *   <li>Quirk 3 (OMNY M5S2A {@code rtptime=-1}; Wowza relative {@code url=trackID=1}): unparseable
 *       times are absent; relative URLs are joined to the request's base URL by {@link #forTrack}.
 *   <li>Quirk 4 (Laureii): a trailing {@code ;} is an empty parameter and is ignored.
 *   <li>Quirk 6 (Reolink): the SSRC is only here, as {@code ssrc=}.
 * </ul>
 */
public record RtpInfo(List<Entry> entries) {
    public RtpInfo {
        entries = List.copyOf(entries);
    }

    /** One stream's entry; absent values are empty. */
    public record Entry(String url, OptionalInt sequence, OptionalLong rtpTime, OptionalLong ssrc) {
        /** The sequence number, unless it is 0 or 1, which some cameras send as placeholders (quirk 2). */
        public OptionalInt trustedSequence() {
            return sequence.isPresent() && sequence.getAsInt() > 1 ? sequence : OptionalInt.empty();
        }
    }

    public static RtpInfo parse(String value) {
        List<Entry> out = new ArrayList<>();
        if (value == null) {
            return new RtpInfo(out);
        }
        for (String stream : value.split(",")) {
            String url = null;
            OptionalInt seq = OptionalInt.empty();
            OptionalLong time = OptionalLong.empty();
            OptionalLong ssrc = OptionalLong.empty();
            for (String param : stream.split(";")) {
                int eq = param.indexOf('=');
                if (eq <= 0) {
                    continue; // quirk 4: empty parameter
                }
                String name = param.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String v = param.substring(eq + 1).strip();
                try {
                    switch (name) {
                        case "url" -> url = v;
                        case "seq" -> seq = OptionalInt.of(Integer.parseInt(v) & 0xffff);
                        case "rtptime" -> {
                            long t = Long.parseLong(v);
                            time = t >= 0 && t <= 0xffffffffL ? OptionalLong.of(t) : OptionalLong.empty(); // quirk 3
                        }
                        case "ssrc" -> ssrc = OptionalLong.of(Long.parseLong(v, 16) & 0xffffffffL);
                        default -> { }
                    }
                } catch (NumberFormatException e) {
                    // leave it out
                }
            }
            if (url != null) {
                out.add(new Entry(url, seq, time, ssrc));
            }
        }
        return new RtpInfo(out);
    }

    /**
     * The entry for the track set up at {@code trackUrl}: the one whose URL (joined to
     * {@code baseUrl} when relative) equals it or ends with its last path segment; with a single
     * entry, that one whatever its URL says (quirk 15, GW Security: a wrong URL).
     */
    public java.util.Optional<Entry> forTrack(String trackUrl, String baseUrl) {
        if (entries.size() == 1) {
            return java.util.Optional.of(entries.get(0));
        }
        String last = trackUrl.substring(trackUrl.lastIndexOf('/') + 1);
        for (Entry e : entries) {
            String absolute = e.url().contains("://") ? e.url()
                    : baseUrl + (baseUrl.endsWith("/") ? "" : "/") + e.url();
            if (absolute.equals(trackUrl) || e.url().equals(last) || absolute.endsWith("/" + last)) {
                return java.util.Optional.of(e);
            }
        }
        return java.util.Optional.empty();
    }
}
