package dev.vigil.app.alerts;

import dev.vigil.core.alert.AlertSeverity;
import dev.vigil.core.alert.OfflineDetector;
import dev.vigil.core.model.AnalyticsEvent;
import dev.vigil.core.model.CameraEvent;
import dev.vigil.core.model.CameraId;
import dev.vigil.storage.catalog.AlertRow;
import java.time.Instant;
import java.util.UUID;

/** What an {@link AlertLane} works on: one input about one camera's alerts. */
sealed interface LaneTask {
    /** A step of an analytics event, handed over at {@code acceptedNanos} ({@link System#nanoTime()}). */
    record Analytics(AnalyticsEvent event, long acceptedNanos) implements LaneTask { }

    /** A camera went offline or came back, noticed at {@code detectedAt}. */
    record Health(OfflineDetector.Transition transition, Instant detectedAt) implements LaneTask { }

    /** A camera's own event, received at {@code receivedAt}. */
    record CameraSignal(CameraEvent event, Instant receivedAt) implements LaneTask { }

    /** A system alarm about a camera: opened and closed at once. */
    record Alarm(String type, AlertSeverity severity, CameraId camera, Instant at) implements LaneTask { }

    /** The recorder finished an alert's clip into the spool under {@code key}, or failed ({@code failure}). */
    record ClipRecorded(UUID alertId, String key, Throwable failure) implements LaneTask { }

    /** An alert's snapshot was stored ({@code link}), or not ({@code null}). */
    record SnapshotStored(UUID alertId, dev.vigil.core.alert.ObjectLink link) implements LaneTask { }

    /** A camera was removed or disabled while the node runs: its offline and camera-event alerts close. */
    record Removed(CameraId camera, Instant at) implements LaneTask { }

    /** An alert the previous run left unclosed. */
    record Recovered(AlertRow row) implements LaneTask { }
}
