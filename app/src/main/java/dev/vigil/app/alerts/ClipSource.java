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

    /** Which of the clips under {@code keys} (at most 1000) have been uploaded and catalogued. */
    java.util.Set<String> uploaded(java.util.Collection<String> keys);

    /** No clips at all. */
    ClipSource NONE = new ClipSource() {
        @Override
        public CompletableFuture<String> request(CameraId camera, Instant eventStart, Duration after, String reason) {
            return CompletableFuture.failedFuture(new IllegalStateException("no clips on this node"));
        }

        @Override
        public java.util.Set<String> uploaded(java.util.Collection<String> keys) {
            return java.util.Set.of();
        }
    };
}
