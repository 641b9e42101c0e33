package dev.vigil.app.alerts;

import dev.vigil.storage.catalog.AlertEntry;
import java.time.Instant;

/** An alert not yet closed, as its lane keeps it; touched by the lane's thread only. */
final class OpenAlert {
    /** The alert as of now, with its source and clip progress. */
    AlertEntry entry;
    /** When its last message was committed. */
    Instant lastPublished;
    /** When Vigil last detected something about it (the next message's {@code detectedAt}). */
    Instant lastDetected;
    /** Observations since the last message, held back by {@code minUpdate}. */
    boolean dirty;
    /** The condition ended; CLOSED waits for the snapshot or the clip. */
    boolean closing;
    /** Snapshot uploads not yet back, and until when CLOSED waits for them. */
    int snapshotsPending;
    Instant snapshotWaitUntil;

    OpenAlert(AlertEntry entry) {
        this.entry = entry;
        this.lastDetected = entry.alert().detectedAt();
        this.lastPublished = entry.alert().publishedAt();
    }
}
