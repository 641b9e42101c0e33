package dev.vigil.core.directory;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.model.Transport;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A camera managed through the API, as stored and shown: never its password, only whether it has
 * one. The URL carries no credentials (user name and password are separate fields).
 *
 * @param id the camera's id
 * @param site its site
 * @param name display name, 1-200 characters
 * @param kind what it watches
 * @param url {@code rtsp://} or {@code rtsps://} URL of the main stream, at most 1,024 characters,
 *     without user info
 * @param transport how RTP comes
 * @param username the login user, or {@code null}
 * @param hasPassword whether a password is stored
 * @param location where it is, or {@code null}
 * @param createdAt when it was added
 * @param updatedAt when it last changed
 */
public record ManagedCamera(CameraId id, SiteId site, String name, CameraKind kind, String url, Transport transport,
        String username, boolean hasPassword, GeoPoint location, Instant createdAt, Instant updatedAt) {
    public ManagedCamera {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(site, "site");
        name = ManagedSite.Text.require("name", name, 200);
        Objects.requireNonNull(kind, "kind");
        url = requireUrl(url);
        Objects.requireNonNull(transport, "transport");
        username = username == null ? null : ManagedSite.Text.require("username", username, 200);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * Checks a stream URL: {@code rtsp://} or {@code rtsps://}, a host, no user info, no fragment.
     *
     * @throws VigilException INVALID_ARGUMENT saying what is wrong (never echoing user info)
     */
    public static String requireUrl(String url) {
        if (url == null || url.isBlank()) {
            throw VigilException.invalid("url: required, rtsp://HOST[:PORT]/PATH");
        }
        String u = url.strip();
        if (u.length() > 1024 || u.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw VigilException.invalid("url: at most 1024 visible ASCII characters");
        }
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            throw VigilException.invalid("url: not a valid URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("rtsp") && !scheme.equals("rtsps")) {
            throw VigilException.invalid("url: must start with rtsp:// or rtsps://");
        }
        if (uri.getRawUserInfo() != null || u.substring(scheme.length() + 3).split("/", 2)[0].contains("@")) {
            throw VigilException.invalid("url: put the login in username and password, not in the URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw VigilException.invalid("url: has no host");
        }
        if (uri.getRawFragment() != null) {
            throw VigilException.invalid("url: must not have a fragment");
        }
        return u;
    }

    /** The URL's host (an IPv6 literal without brackets). */
    public String host() {
        return hostOf(url);
    }

    /**
     * The host of a stream URL checked by {@link #requireUrl} (an IPv6 literal without brackets).
     *
     * @throws VigilException INVALID_ARGUMENT as {@link #requireUrl}
     */
    public static String hostOf(String url) {
        String h = URI.create(requireUrl(url)).getHost();
        return h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
    }
}
