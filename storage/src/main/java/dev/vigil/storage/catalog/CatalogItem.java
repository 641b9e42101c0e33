package dev.vigil.storage.catalog;

import dev.vigil.core.model.CameraId;
import java.time.Instant;
import java.util.Objects;

/**
 * A recording or clip row as retention sees it: enough to delete its object and log the deletion.
 *
 * @param type which table
 * @param id the row's id
 * @param camera the camera
 * @param start its start
 * @param end its end
 * @param bytes object size
 * @param objectKey the object's key
 * @param sha256 the object's hash, kept in the deletion log
 */
public record CatalogItem(ItemType type, long id, CameraId camera, Instant start, Instant end, long bytes,
        String objectKey, String sha256) {
    public CatalogItem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(objectKey, "objectKey");
        Objects.requireNonNull(sha256, "sha256");
    }

    public Interval interval() {
        return new Interval(start, end);
    }

    @Override
    public String toString() {
        return type.label() + " " + objectKey + " (camera " + camera + ", " + interval() + ", " + bytes + " bytes)";
    }
}
