package dev.vigil.storage.record;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A request for an event clip: the pictures of {@code camera} from {@code from} to {@code to}
 * (the caller includes pre-roll and post-roll), starting at the key frame at or before
 * {@code from}.
 *
 * @param camera the camera
 * @param from the first instant wanted; may be in the past by up to the camera's pre-roll
 * @param to the last instant wanted, after {@code from}, at most {@link #MAX_LENGTH} later
 * @param reason why (e.g. {@code line-crossing rule gate-in}); stored with the clip
 */
public record ClipRequest(CameraId camera, Instant from, Instant to, String reason) {
    /** The longest clip: longer stretches are what continuous recording is for. */
    public static final Duration MAX_LENGTH = Duration.ofMinutes(10);

    public ClipRequest {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        if (!to.isAfter(from) || Duration.between(from, to).compareTo(MAX_LENGTH) > 0) {
            throw VigilException.invalid("clip of camera " + camera + ": to must be after from and at most "
                    + MAX_LENGTH.toMinutes() + " min later, was " + from + " .. " + to);
        }
        if (reason.isBlank() || reason.length() > 200) {
            throw VigilException.invalid("clip reason must be 1-200 characters, was " + reason.length());
        }
    }
}
