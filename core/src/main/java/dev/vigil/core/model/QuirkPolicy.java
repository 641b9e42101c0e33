package dev.vigil.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * How the RTSP client treats a camera whose server is known to misbehave. Chosen per camera in the
 * configuration, never guessed from a {@code Server} header: a guess that is wrong for one firmware
 * would slow down every camera that reports the same string.
 */
public enum QuirkPolicy {
    /** Standard RTSP behaviour (default). */
    @JsonProperty("none") NONE(Duration.ZERO),
    /**
     * Old LIVE555 servers (Foscam firmware of 2014, Anjvision of 2011; camera quirk 11): after a TCP
     * disconnect they keep the session and write RTP on the dead socket until their session
     * reclamation timer fires (65 s, LIVE555's default {@code reclamationSeconds}), and may refuse a
     * new session until then. After a session that played, Vigil waits that long before reconnecting.
     */
    @JsonProperty("old-live555") OLD_LIVE555(Duration.ofSeconds(65));

    private final Duration reconnectAfterSession;

    QuirkPolicy(Duration reconnectAfterSession) {
        this.reconnectAfterSession = reconnectAfterSession;
    }

    /** The least wait before reconnecting once a session was set up and then lost. */
    public Duration reconnectAfterSession() {
        return reconnectAfterSession;
    }
}
