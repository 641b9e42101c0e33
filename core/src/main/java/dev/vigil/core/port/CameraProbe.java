package dev.vigil.core.port;

import dev.vigil.core.directory.ProbeReport;
import dev.vigil.core.model.Transport;

/**
 * Tests a camera's stream the way {@code ./vigil probe} does: connects with Vigil's own RTSP
 * client, waits for pictures, listens a few seconds and reports. Blocks for up to the connection
 * timeout plus the listening time; implementations limit how many run at once and answer
 * RESOURCE_EXHAUSTED beyond that.
 */
public interface CameraProbe {
    /**
     * @param url the stream URL, without credentials
     * @param username the login user, or {@code null}
     * @param password its password, or {@code null}; never logged
     * @param seconds how long to listen once pictures come, 1..30
     */
    ProbeReport probe(String url, Transport transport, String username, String password, int seconds);
}
