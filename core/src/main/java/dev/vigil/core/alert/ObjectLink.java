package dev.vigil.core.alert;

import java.util.Objects;

/**
 * A stored object an alert points to: {@code snapshot{key,url}} and {@code clip{key,url}} on the wire.
 *
 * @param key the object's key in its bucket ({@code vigil-snapshots}, {@code vigil-clips})
 * @param url where the API serves it, e.g. {@code /api/v1/alerts/{alertId}/snapshot}, absolute when
 *     {@code alerts.publicUrl} is set
 */
public record ObjectLink(String key, String url) {
    public ObjectLink {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(url, "url");
    }
}
