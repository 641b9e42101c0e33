package dev.vigil.core.port;

import java.time.Instant;
import java.util.Objects;

/**
 * What the gateway knows of one camera, as the API serves it: never a credential.
 *
 * @param camera camera id
 * @param site site id
 * @param state supervisor state in lower case ({@code playing}, {@code backing_off}, ...)
 * @param since when it entered that state
 * @param lastFrameTime when the last access unit arrived, or {@code null}
 * @param fps recent access units per second
 * @param bitrateBps recent payload bitrate
 * @param accessUnits access units since start
 * @param keyframes key frames since start
 * @param bytes payload bytes since start
 * @param packetsLost RTP packets lost since start
 * @param reconnects connection attempts after the first
 * @param lastFailure why the last session ended ({@code unauthorized}, {@code timeout}, ...), or {@code null}
 * @param lastError the last error message (no secrets), or {@code null}
 * @param nextAttempt while backing off, when the next connection attempt is due; otherwise {@code null}
 */
public record CameraStatus(String camera, String site, String state, Instant since, Instant lastFrameTime,
        double fps, double bitrateBps, long accessUnits, long keyframes, long bytes, long packetsLost,
        long reconnects, String lastFailure, String lastError, Instant nextAttempt) {
    public CameraStatus {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(state, "state");
    }
}
