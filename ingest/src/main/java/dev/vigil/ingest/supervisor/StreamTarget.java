package dev.vigil.ingest.supervisor;

import dev.vigil.core.error.VigilException;
import dev.vigil.ingest.rtsp.Credentials;
import dev.vigil.ingest.rtsp.RtspUrl;
import java.util.Optional;

/**
 * Where the next attempt of one camera connects: the configured stream URL (which a relocation
 * may replace), or the URL a redirect pointed to, at most {@link CameraSupervisor#MAX_REDIRECTS}
 * in a row. Credentials follow a redirect only to the configured host. Used on the camera's event
 * loop; the URLs are readable from any thread.
 */
final class StreamTarget {
    private volatile RtspUrl configuredUrl;
    private final Credentials configuredCredentials;
    private volatile RtspUrl url;
    private volatile Credentials credentials;
    private int redirects;

    StreamTarget(RtspUrl url, Credentials credentials) {
        this.configuredUrl = url;
        this.configuredCredentials = credentials;
        this.url = url;
        this.credentials = credentials;
    }

    RtspUrl url() {
        return url;
    }

    Credentials credentials() {
        return credentials;
    }

    RtspUrl configuredUrl() {
        return configuredUrl;
    }

    /** Back to the configured URL, as after any failure that is not a redirect. */
    void reset() {
        url = configuredUrl;
        credentials = configuredCredentials;
        redirects = 0;
    }

    /**
     * Follows a redirect to {@code location}. Returns empty when the next attempt goes there, or
     * why it does not (an unusable URL, too many redirects in a row); then the target is reset.
     */
    Optional<String> follow(String location) {
        RtspUrl next;
        try {
            next = RtspUrl.parse(location);
        } catch (VigilException e) {
            reset();
            return Optional.of("redirect to an unusable URL: " + e.getMessage());
        }
        if (++redirects > CameraSupervisor.MAX_REDIRECTS) {
            reset();
            return Optional.of("more than " + CameraSupervisor.MAX_REDIRECTS + " redirects in a row");
        }
        credentials = next.host().equalsIgnoreCase(configuredUrl.host()) ? configuredCredentials : next.embedded();
        url = next;
        return Optional.empty();
    }

    /** The stream was found at {@code next} (ONVIF); returns whether that changed anything. */
    boolean relocated(RtspUrl next) {
        if (next.equals(configuredUrl)) {
            return false;
        }
        configuredUrl = next;
        url = next;
        redirects = 0;
        return true;
    }
}
