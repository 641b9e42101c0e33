package dev.vigil.storage.record;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A finished segment waiting in the spool for upload.
 *
 * @param meta what was known when it started
 * @param end the wall-clock time just after its last picture
 * @param bytes the file's size
 * @param sha256 lower-case hex SHA-256 of the whole file
 * @param samples pictures in it
 * @param file the MP4 file in the spool
 * @param recovered whether it was closed by crash recovery rather than by the recorder
 */
public record SpooledSegment(SegmentMeta meta, Instant end, long bytes, String sha256, int samples, Path file,
        boolean recovered) {
    public SpooledSegment {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(file, "file");
        if (end.isBefore(meta.start())) {
            throw new IllegalArgumentException("segment ends " + end + " before it starts " + meta.start());
        }
    }

    public Instant start() {
        return meta.start();
    }
}
