package dev.vigil.core.directory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * One version of a site or a camera: who changed it, when, and what changed.
 *
 * @param subject the site or camera
 * @param version 1 for its first version, then one more per change; a subject deleted and created
 *     again goes on counting
 * @param action created, updated or deleted
 * @param at when (microsecond precision, as the catalog keeps it)
 * @param author who
 * @param changes what changed; for a create, one change of the whole config (path {@code ""}), for
 *     a delete the same with the config as {@code before}
 */
public record ConfigVersion(ConfigSubject subject, int version, ConfigAction action, Instant at, ConfigAuthor author,
        List<FieldChange> changes) {
    public ConfigVersion {
        Objects.requireNonNull(subject, "subject");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, was " + version);
        }
        Objects.requireNonNull(action, "action");
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(author, "author");
        changes = List.copyOf(changes);
    }
}
