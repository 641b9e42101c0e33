package dev.vigil.ingest.supervisor;

import dev.vigil.ingest.rtsp.RtspUrl;
import java.util.concurrent.CompletableFuture;

/**
 * Finds a camera's stream URL again after repeated failures, e.g. by asking its ONVIF device (a
 * camera's stream URI may change after a reboot or a reconfiguration). Called on the supervisor's
 * event loop: it must return at once and do its work elsewhere.
 */
@FunctionalInterface
public interface StreamRelocator {
    /** The URL to use from now on; a failed future leaves the current URL in place. */
    CompletableFuture<RtspUrl> relocate();
}
