package dev.vigil.ingest.sdp;

import dev.vigil.core.error.VigilException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A lenient SDP parser for what cameras return to DESCRIBE. Pure: a string in, a
 * {@link SessionDescription} or a {@link VigilException} (INVALID_ARGUMENT) out.
 *
 * <p>Leniency, each one seen in the field:
 * <ul>
 *   <li>no {@code o=} line (quirk 17, macro-video server), any line order, unknown line types;
 *   <li>trailing spaces and tabs on any line (quirk 18, "IPCAM"/H264DVR; VStarcam after {@code m=});
 *   <li>an {@code m=} line that cannot be parsed (quirk 14, TP-Link TL-IPC44AW: a string as
 *       payload type) is skipped with its attributes and counted;
 *   <li>{@code a=control} anywhere in the section (quirk 26, Luckfox rkipc, Reolink);
 *   <li>an {@code a=fmtp:96} with nothing after the payload type (quirk 13, Ubiquiti), fmtp
 *       parameters separated by {@code "; "} (Hikvision), junk attributes such as
 *       {@code a=framerate:0S} (quirk 18) ignored.
 * </ul>
 * Lines may end in CRLF or LF. Input over 64 KiB or without any {@code v=}/{@code m=} line is rejected.
 */
public final class SdpParser {
    /** Largest SDP accepted, in characters. */
    public static final int MAX_LENGTH = 64 * 1024;

    private SdpParser() {}

    public static SessionDescription parse(String text) {
        if (text == null || text.isBlank()) {
            throw VigilException.invalid("SDP is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw VigilException.invalid("SDP of " + text.length() + " characters is over " + MAX_LENGTH);
        }
        String sessionName = null;
        String sessionControl = null;
        boolean sawVersion = false;
        List<MediaDescription> media = new ArrayList<>();
        int skipped = 0;
        MediaBuilder current = null;
        boolean skipping = false;
        int lineNo = 0;
        for (String raw : text.split("\r?\n|\r")) {
            lineNo++;
            String line = raw.strip();
            if (line.length() < 2 || line.charAt(1) != '=') {
                continue;
            }
            char kind = line.charAt(0);
            String value = line.substring(2).strip();
            if (kind == 'm') {
                if (current != null) {
                    media.add(current.build());
                }
                current = MediaBuilder.parse(value);
                skipping = current == null;
                if (skipping) {
                    skipped++;
                }
                continue;
            }
            if (skipping) {
                continue;
            }
            if (current == null) {
                switch (kind) {
                    case 'v' -> sawVersion = true;
                    case 's' -> sessionName = value;
                    case 'a' -> {
                        if (value.startsWith("control:")) {
                            sessionControl = value.substring(8).strip();
                        }
                    }
                    default -> { }
                }
            } else if (kind == 'a') {
                current.attribute(value);
            }
        }
        if (current != null) {
            media.add(current.build());
        }
        if (!sawVersion && media.isEmpty()) {
            throw VigilException.invalid("not an SDP: no v= or m= line in " + lineNo + " lines");
        }
        return new SessionDescription(sessionName, sessionControl, media, skipped);
    }

    /** Parses {@code a=fmtp} parameters: {@code name=value} pairs separated by {@code ;}. */
    static Map<String, String> fmtpParameters(String params) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : params.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                out.put(p.toLowerCase(Locale.ROOT), "");
            } else {
                out.put(p.substring(0, eq).strip().toLowerCase(Locale.ROOT), p.substring(eq + 1).strip());
            }
        }
        return out;
    }

    private static final class MediaBuilder {
        private final String type;
        private final int port;
        private final String protocol;
        private final List<Integer> payloadTypes;
        private String control;
        private final Map<Integer, RtpMap> rtpMaps = new HashMap<>();
        private final Map<Integer, Map<String, String>> fmtp = new HashMap<>();

        private MediaBuilder(String type, int port, String protocol, List<Integer> payloadTypes) {
            this.type = type;
            this.port = port;
            this.protocol = protocol;
            this.payloadTypes = payloadTypes;
        }

        /** {@code <media> <port>[/<n>] <proto> <fmt> ...}; {@code null} when unparseable. */
        static MediaBuilder parse(String value) {
            String[] f = value.split("\\s+");
            if (f.length < 4) {
                return null;
            }
            try {
                int slash = f[1].indexOf('/');
                int port = Integer.parseInt(slash < 0 ? f[1] : f[1].substring(0, slash));
                List<Integer> pts = new ArrayList<>();
                for (int i = 3; i < f.length; i++) {
                    int pt = Integer.parseInt(f[i]);
                    if (pt < 0 || pt > 127) {
                        return null;
                    }
                    pts.add(pt);
                }
                return new MediaBuilder(f[0].toLowerCase(Locale.ROOT), port, f[2], pts);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        void attribute(String value) {
            if (value.startsWith("control:")) {
                control = value.substring(8).strip();
            } else if (value.startsWith("rtpmap:")) {
                rtpMap(value.substring(7));
            } else if (value.startsWith("fmtp:")) {
                String rest = value.substring(5);
                int space = indexOfWhitespace(rest);
                String pt = space < 0 ? rest : rest.substring(0, space);
                try {
                    fmtp.put(Integer.parseInt(pt.strip()), fmtpParameters(space < 0 ? "" : rest.substring(space)));
                } catch (NumberFormatException e) {
                    // an fmtp for a payload type we cannot read: ignore it
                }
            }
        }

        private void rtpMap(String rest) {
            int space = indexOfWhitespace(rest);
            if (space < 0) {
                return;
            }
            try {
                int pt = Integer.parseInt(rest.substring(0, space));
                String[] enc = rest.substring(space).strip().split("/");
                if (enc.length < 2 || pt < 0 || pt > 127) {
                    return;
                }
                int clock = Integer.parseInt(enc[1].strip());
                if (clock > 0) {
                    rtpMaps.put(pt, new RtpMap(pt, enc[0].strip(), clock, enc.length > 2 ? enc[2].strip() : null));
                }
            } catch (NumberFormatException e) {
                // quirk 18 territory: junk in an rtpmap; the track stays, without this mapping
            }
        }

        private static int indexOfWhitespace(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (Character.isWhitespace(s.charAt(i))) {
                    return i;
                }
            }
            return -1;
        }

        MediaDescription build() {
            return new MediaDescription(type, port, protocol, payloadTypes, control, rtpMaps, fmtp);
        }
    }
}
