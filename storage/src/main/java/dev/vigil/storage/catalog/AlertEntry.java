package dev.vigil.storage.catalog;

import dev.vigil.core.alert.Alert;
import dev.vigil.core.alert.AlertSource;
import java.time.Instant;
import java.util.Objects;

/**
 * What the catalog keeps of an alert besides the operators' state: the alert as of its latest
 * step, what raised it, and how far its clip has come.
 *
 * @param alert the alert as of now (its {@code lifecycle} is the latest message's when published)
 * @param source what raised it
 * @param sourceRef the raising event's id (analytics), or {@code null}
 * @param clipState how far the clip has come
 * @param clipKey the clip's object key once known (SPOOLED, READY), else {@code null}
 * @param clipWaitUntil while a clip is pending: when CLOSED stops waiting for it; else {@code null}
 */
public record AlertEntry(Alert alert, AlertSource source, String sourceRef, ClipState clipState, String clipKey,
        Instant clipWaitUntil) {
    public AlertEntry {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(clipState, "clipState");
        if (sourceRef != null && (sourceRef.isEmpty() || sourceRef.length() > 64)) {
            throw dev.vigil.core.error.VigilException.invalid("sourceRef must be 1-64 characters");
        }
    }

    public AlertEntry withAlert(Alert next) {
        return new AlertEntry(next, source, sourceRef, clipState, clipKey, clipWaitUntil);
    }

    public AlertEntry withClip(ClipState state, String key, Instant waitUntil) {
        return new AlertEntry(alert, source, sourceRef, state, key, waitUntil);
    }
}
