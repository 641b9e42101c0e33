package dev.vigil.storage.catalog;

import java.util.Objects;

/**
 * A recording as stored: its catalog id and its contents.
 *
 * @param id the catalog's id, positive; stable for the row's life
 * @param recording the segment
 */
public record RecordingRow(long id, Recording recording) {
    public RecordingRow {
        Objects.requireNonNull(recording, "recording");
    }
}
