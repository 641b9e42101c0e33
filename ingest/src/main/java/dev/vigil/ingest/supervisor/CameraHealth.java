package dev.vigil.ingest.supervisor;

import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Transport;
import dev.vigil.ingest.rtsp.SessionFailure;
import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of one camera's ingest, for the API, metrics and the CLI.
 *
 * @param camera the camera
 * @param state the supervisor state
 * @param since when the supervisor entered {@code state}
 * @param lastFrameTime when the last access unit arrived, or {@code null} if none yet
 * @param fps access units per second over the last full second (0 when stalled)
 * @param bitrateBps payload bits per second over the last full second
 * @param accessUnits access units delivered since start
 * @param keyframes key frames among them
 * @param bytes RTP bytes received since start
 * @param packetsLost RTP packets lost (sequence gaps) since start
 * @param badPackets RTP packets that could not be used since start
 * @param subscriberDrops access units dropped by full subscriber queues, all subscribers together
 * @param reconnects connection attempts after the first
 * @param lastError the most recent failure, or {@code null}; never holds credentials
 * @param lastFailure why the most recent session ended, or {@code null}
 * @param server the camera's {@code Server} header, or {@code null} if it sent none
 * @param transport the transport of the current (or next) session: TCP or UDP
 * @param limitViolations times each limit was exceeded, by limit name ({@code rtsp_head_bytes},
 *     {@code rtsp_body_bytes}, {@code access_unit_size})
 * @param nextAttempt while backing off, when the next connection attempt is due; otherwise {@code null}
 */
public record CameraHealth(CameraId camera, CameraState state, Instant since, Instant lastFrameTime, double fps,
        double bitrateBps, long accessUnits, long keyframes, long bytes, long packetsLost, long badPackets,
        long subscriberDrops, long reconnects, String lastError, SessionFailure lastFailure, String server, Transport transport,
        java.util.Map<String, Long> limitViolations, Instant nextAttempt) {
    public CameraHealth {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        limitViolations = limitViolations == null ? java.util.Map.of() : java.util.Map.copyOf(limitViolations);
        if (fps < 0 || bitrateBps < 0 || accessUnits < 0 || keyframes < 0 || bytes < 0 || packetsLost < 0
                || badPackets < 0 || subscriberDrops < 0 || reconnects < 0) {
            throw new IllegalArgumentException("health counters must be >= 0");
        }
    }
}
