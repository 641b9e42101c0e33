package dev.vigil.app.alerts;

import dev.vigil.core.alert.Alert;
import dev.vigil.core.alert.ObjectLink;
import dev.vigil.core.error.VigilException;
import dev.vigil.storage.object.ObjectStore;
import dev.vigil.storage.record.ObjectKeys;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts alert snapshots (JPEG) into the snapshots bucket under
 * {@code snapshots/{site}/{camera}/{yyyy}/{MM}/{dd}/{HH}/{eventStart}_{alertId}.jpg}; the alert's
 * link carries that key and the URL the API serves it at. A later, better frame of the same alert
 * replaces the object under the same key. Thread-safe.
 */
final class SnapshotStore {
    private static final Logger log = LoggerFactory.getLogger(SnapshotStore.class);

    private final ObjectStore store;
    private final String bucket;
    private final AlertUrls urls;

    SnapshotStore(ObjectStore store, String bucket, AlertUrls urls) {
        this.store = store;
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.urls = Objects.requireNonNull(urls, "urls");
    }

    /** Where an alert's snapshot goes. */
    String key(Alert a) {
        return ObjectKeys.snapshot(a.site().id().value(), a.camera().id().value(), a.eventStart(),
                a.alertId().toString());
    }

    /**
     * Stores the JPEG; on failure (object store away) logs, and returns {@code null}: the alert
     * goes without a snapshot rather than waiting.
     */
    ObjectLink store(Alert a, byte[] jpeg) {
        if (store == null) {
            return null;
        }
        String key = key(a);
        try {
            store.put(bucket, key, new ByteArrayInputStream(jpeg), jpeg.length, "image/jpeg",
                    Map.of("alert-id", a.alertId().toString(), "camera", a.camera().id().value()));
            return new ObjectLink(key, urls.snapshot(a.alertId()));
        } catch (VigilException e) {
            log.warn("alert {} of camera {}: snapshot not stored ({}): the alert goes without it", a.alertId(),
                    a.camera().id(), e.getMessage());
            return null;
        }
    }

    /** The link of a clip. */
    ObjectLink clipLink(UUID alertId, String key) {
        return new ObjectLink(key, urls.clip(alertId));
    }
}
