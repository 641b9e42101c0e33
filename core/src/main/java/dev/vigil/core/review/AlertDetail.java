package dev.vigil.core.review;

import java.util.List;
import java.util.Objects;

/**
 * One alert in full.
 *
 * @param summary what a listing shows, with the current state
 * @param message the last message published about it, as JSON (schema {@code vigil.alerts.v1})
 * @param stateNote the note of the action that set the state, or {@code null}
 * @param actions every action taken on it, by time
 * @param snapshotKey its snapshot's key in the snapshots bucket, or {@code null}
 * @param clipKey its clip's key in the clips bucket once uploaded, or {@code null}
 */
public record AlertDetail(AlertSummary summary, String message, String stateNote, List<RecordedAlertAction> actions,
        String snapshotKey, String clipKey) {
    public AlertDetail {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(message, "message");
        actions = List.copyOf(actions);
    }
}
