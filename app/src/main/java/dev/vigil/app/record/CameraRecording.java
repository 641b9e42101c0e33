package dev.vigil.app.record;

import dev.vigil.core.model.AccessUnit;
import dev.vigil.core.model.CameraId;
import dev.vigil.ingest.supervisor.Subscription;
import dev.vigil.storage.record.ClipRecorder;
import dev.vigil.storage.record.SegmentRecorder;
import java.time.Instant;

/**
 * One camera's recording: its gateway subscription and its recorders. Driven by one lane thread.
 *
 * @param segments the continuous recorder, or {@code null} in {@code events} mode
 * @param clips the clip recorder (pre-roll ring and event clips)
 */
record CameraRecording(CameraId camera, Subscription units, SegmentRecorder segments, ClipRecorder clips) {
    /** Takes up to {@code max} waiting units; returns how many there were. */
    int drain(int max) {
        int n = 0;
        for (AccessUnit u = units.poll(); u != null; u = n + 1 < max ? units.poll() : null) {
            if (segments != null) {
                segments.accept(u);
            }
            clips.accept(u);
            n++;
        }
        return n;
    }

    void tick(Instant now) {
        clips.expire(now);
    }

    /** Finishes the segment and clips in progress and unsubscribes. */
    void close() {
        units.close();
        if (segments != null) {
            segments.close();
        }
        clips.close();
    }
}
