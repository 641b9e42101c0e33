package dev.vigil.ingest.rtsp;

import dev.vigil.core.error.VigilException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * An {@code rtsp://} URL split into the address to connect to, the URL to send in requests (never
 * with credentials) and the credentials that were embedded in it, if any. Pure.
 *
 * @param url the URL without user info; safe to log and to send
 * @param host the host to connect to
 * @param port the port, 554 when absent
 * @param embedded credentials from {@code user:pass@}, or {@code null}
 */
public record RtspUrl(String url, String host, int port, Credentials embedded) {
    public RtspUrl {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in [1, 65535], was " + port);
        }
    }

    /** @throws VigilException INVALID_ARGUMENT (the message never repeats the user info) */
    public static RtspUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw VigilException.invalid("not a URL: " + e.getReason() + " at index " + e.getIndex());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("rtsp") && !scheme.equals("rtsps")) {
            throw VigilException.invalid("only rtsp:// and rtsps:// URLs are supported, got scheme '" + scheme + "'");
        }
        if (uri.getHost() == null) {
            throw VigilException.invalid("URL without a host");
        }
        Credentials creds = null;
        String info = uri.getRawUserInfo();
        if (info != null && !info.isEmpty()) {
            int colon = info.indexOf(':');
            String user = URLDecoder.decode(colon < 0 ? info : info.substring(0, colon), StandardCharsets.UTF_8);
            String pass = colon < 0 ? "" : URLDecoder.decode(info.substring(colon + 1), StandardCharsets.UTF_8);
            if (!user.isEmpty()) {
                creds = new Credentials(user, pass);
            }
        }
        // RFC 2326 section 3.2: 554 for rtsp; rtsps (RTSP over TLS, RFC 7826 section 4.2) uses 322.
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("rtsps") ? 322 : 554;
        String clean = scheme + "://" + uri.getRawAuthority().substring(info == null ? 0 : info.length() + 1)
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new RtspUrl(clean, uri.getHost(), port, creds);
    }

    /** Whether the URL asks for RTSP over TLS ({@code rtsps://}). */
    public boolean secure() {
        return url.regionMatches(true, 0, "rtsps://", 0, 8);
    }

    @Override
    public String toString() {
        return url;
    }
}
