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
 * replaces the object under the same key. Uploads run on three threads of their own
 * ({@code vigil-alert-snapshots}), off the alert lanes: an object store that is slow or away delays
 * no alert. Thread-safe.
 */
final class SnapshotStore {
    private static final Logger log = LoggerFactory.getLogger(SnapshotStore.class);

    private final ObjectStore store;
    private final String bucket;
    private final AlertUrls urls;
    /** Snapshot uploads waiting, at most; beyond, the alert goes without its snapshot. */
    static final int MAX_WAITING = 1000;
    private final java.util.concurrent.ThreadPoolExecutor uploads = new java.util.concurrent.ThreadPoolExecutor(3, 3,
            30, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(MAX_WAITING), r -> {
                Thread t = new Thread(r, "vigil-alert-snapshots");
                t.setDaemon(true);
                return t;
            });

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

    /**
     * Stores the JPEG on one of the store's threads and hands the link (or {@code null} on failure)
     * to {@code done} on that thread. When the queue of uploads is full, {@code done} gets
     * {@code null} at once.
     */
    void storeLater(Alert a, byte[] jpeg, java.util.function.Consumer<ObjectLink> done) {
        try {
            uploads.execute(() -> done.accept(store(a, jpeg)));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.warn("alert {}: snapshot not stored: {} uploads waiting", a.alertId(), MAX_WAITING);
            done.accept(null);
        }
    }

    /** Stops the upload threads, letting queued uploads finish for at most {@code grace}. */
    void close(java.time.Duration grace) {
        uploads.shutdown();
        try {
            uploads.awaitTermination(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        uploads.shutdownNow();
    }

    /** The link of a clip. */
    ObjectLink clipLink(UUID alertId, String key) {
        return new ObjectLink(key, urls.clip(alertId));
    }
}
