package dev.vigil.app.alerts;

import dev.vigil.core.model.CameraId;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** Where alerts get their event clips: the node's clip recorders. */
public interface ClipSource {
    /**
     * Asks for the clip of an event: from the camera's pre-roll before {@code eventStart} to
     * {@code after} past it.
     *
     * @return completes with the clip's object key once it is recorded (its upload comes after),
     *     or fails when there will be none (camera not recorded, no pictures)
     */
    CompletableFuture<String> request(CameraId camera, Instant eventStart, Duration after, String reason);

    /** Whether the clip under {@code key} has been uploaded and catalogued. */
    boolean uploaded(String key);

    /** No clips at all. */
    ClipSource NONE = new ClipSource() {
        @Override
        public CompletableFuture<String> request(CameraId camera, Instant eventStart, Duration after, String reason) {
            return CompletableFuture.failedFuture(new IllegalStateException("no clips on this node"));
        }

        @Override
        public boolean uploaded(String key) {
            return false;
        }
    };
}
