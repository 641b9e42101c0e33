package dev.vigil.storage.catalog;

import java.util.Objects;

/**
 * A clip as stored: its catalog id and its contents.
 *
 * @param id the catalog's id, positive
 * @param clip the clip
 */
public record ClipRow(long id, Clip clip) {
    public ClipRow {
        Objects.requireNonNull(clip, "clip");
    }
}
