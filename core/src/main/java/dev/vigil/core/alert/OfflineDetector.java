package dev.vigil.core.alert;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The offline rule of camera health: a camera is offline once it has delivered no picture for
 * {@code offlineAfter} (counted from its last picture, or from when watching began if none came),
 * and back online when a picture newer than that arrives within {@code offlineAfter} of now.
 * Pure: times come in as arguments. Not thread-safe: one watcher calls it.
 */
public final class OfflineDetector {
    /** A camera went offline ({@code online == false}, {@code at} = silent since) or came back ({@code at} = the picture). */
    public record Transition(CameraId camera, boolean online, Instant at) { }

    private final Duration offlineAfter;
    private final Instant watchStart;
    private final Map<CameraId, Instant> offlineSince = new HashMap<>();

    /**
     * @param offlineAfter at least one second
     * @param watchStart when watching began: the silence of a camera that never delivered counts from here
     */
    public OfflineDetector(Duration offlineAfter, Instant watchStart) {
        if (offlineAfter.compareTo(Duration.ofSeconds(1)) < 0) {
            throw VigilException.invalid("offlineAfter must be at least 1 s, was " + offlineAfter);
        }
        this.offlineAfter = offlineAfter;
        this.watchStart = Objects.requireNonNull(watchStart, "watchStart");
    }

    /** Records that {@code camera} is offline already (an alert left open by the previous run). */
    public void markOffline(CameraId camera, Instant since) {
        offlineSince.put(camera, since);
    }

    public boolean isOffline(CameraId camera) {
        return offlineSince.containsKey(camera);
    }

    /**
     * One look at a camera.
     *
     * @param lastPicture when its last picture arrived, {@code null} if none since start
     * @return the change, or {@code null} when there is none
     */
    public Transition observe(CameraId camera, Instant lastPicture, Instant now) {
        Instant since = offlineSince.get(camera);
        if (since == null) {
            Instant silentSince = lastPicture != null ? lastPicture : watchStart;
            if (Duration.between(silentSince, now).compareTo(offlineAfter) >= 0) {
                offlineSince.put(camera, silentSince);
                return new Transition(camera, false, silentSince);
            }
            return null;
        }
        if (lastPicture != null && lastPicture.isAfter(since)
                && Duration.between(lastPicture, now).compareTo(offlineAfter) < 0) {
            offlineSince.remove(camera);
            return new Transition(camera, true, lastPicture);
        }
        return null;
    }
}
