package dev.vigil.app.alerts;

import dev.vigil.app.record.RecordingWiring;
import dev.vigil.core.model.CameraId;
import dev.vigil.storage.catalog.ClipRepository;
import dev.vigil.storage.record.ClipRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Clips from the node's recording: asked of the camera's clip recorder with its configured
 * pre-roll ({@code cameras[].record.preRollSeconds}), found uploaded in the catalog's clips table.
 */
public final class RecordedClips implements ClipSource {
    private final RecordingWiring recording;
    private final ClipRepository catalog;
    private final Function<CameraId, Duration> preRoll;

    /** @param preRoll a camera's pre-roll as configured now ({@link Duration#ZERO} for one not known) */
    public RecordedClips(RecordingWiring recording, ClipRepository catalog, Function<CameraId, Duration> preRoll) {
        this.recording = recording;
        this.catalog = catalog;
        this.preRoll = preRoll;
    }

    @Override
    public CompletableFuture<String> request(CameraId camera, Instant eventStart, Duration after, String reason) {
        Duration before = preRoll.apply(camera);
        ClipRequest request;
        try {
            request = new ClipRequest(camera, eventStart.minus(before), eventStart.plus(after),
                    reason.length() > 200 ? reason.substring(0, 200) : reason);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return recording.clip(request).thenApply(s -> s.meta().objectKey(s.end()));
    }

    @Override
    public java.util.Set<String> uploaded(java.util.Collection<String> keys) {
        try {
            return catalog.existingKeys(keys);
        } catch (dev.vigil.core.error.VigilException e) {
            return java.util.Set.of(); // the catalog is away: asked again on the next tick
        }
    }
}
