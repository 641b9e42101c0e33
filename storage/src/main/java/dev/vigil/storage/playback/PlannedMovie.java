package dev.vigil.storage.playback;

import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.TimeRange;
import dev.vigil.core.playback.PlaybackMovie;
import dev.vigil.storage.object.ObjectStore;
import java.io.InputStream;
import java.time.Instant;
import java.util.Objects;

/** A {@link MoviePlan} served from the object store. Immutable and thread-safe. */
final class PlannedMovie implements PlaybackMovie {
    private final CameraId camera;
    private final TimeRange asked;
    private final MoviePlan plan;
    private final Instant nextPart;
    private final String etag;
    private final ObjectStore store;
    private final String bucket;

    PlannedMovie(CameraId camera, TimeRange asked, MoviePlan plan, Instant nextPart, String etag, ObjectStore store,
            String bucket) {
        this.camera = Objects.requireNonNull(camera, "camera");
        this.asked = Objects.requireNonNull(asked, "asked");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.nextPart = nextPart;
        this.etag = Objects.requireNonNull(etag, "etag");
        this.store = Objects.requireNonNull(store, "store");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    @Override
    public CameraId camera() {
        return camera;
    }

    @Override
    public TimeRange asked() {
        return asked;
    }

    @Override
    public Instant start() {
        return plan.start();
    }

    @Override
    public Instant end() {
        return plan.end();
    }

    @Override
    public Instant nextPart() {
        return nextPart;
    }

    @Override
    public int pictures() {
        return plan.pictures();
    }

    @Override
    public long size() {
        return plan.size();
    }

    @Override
    public String contentType() {
        return "video/mp4";
    }

    @Override
    public String etag() {
        return etag;
    }

    @Override
    public InputStream open(long offset, long length) {
        if (offset < 0 || length < 1 || length > size() - offset) {
            throw new IllegalArgumentException("bytes " + offset + "+" + length + " outside a movie of " + size()
                    + " bytes");
        }
        return new StitchedStream(plan, store, bucket, offset, length);
    }

    /** About how much memory the plan holds: its head and its extents. */
    long footprint() {
        return plan.head().length + 64L * plan.extents().length;
    }

    @Override
    public String toString() {
        return "PlannedMovie[" + camera + " " + plan.start() + ".." + plan.end() + ", " + plan.pictures()
                + " pictures, " + size() + " bytes]";
    }
}
