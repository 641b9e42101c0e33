package dev.vigil.storage.record;

import java.time.Instant;
import java.util.Objects;

/**
 * Marks a spooled file as an event clip rather than a continuous segment.
 *
 * @param id the clip's id (random, URL-safe), part of its object key
 * @param reason why it was asked for
 * @param requestedFrom the start the request asked for (the clip starts at the key frame before it)
 * @param requestedTo the end the request asked for
 */
public record ClipInfo(String id, String reason, Instant requestedFrom, Instant requestedTo) {
    public ClipInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedFrom, "requestedFrom");
        Objects.requireNonNull(requestedTo, "requestedTo");
    }
}
