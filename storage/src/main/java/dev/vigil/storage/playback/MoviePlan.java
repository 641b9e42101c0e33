package dev.vigil.storage.playback;

import java.time.Instant;
import java.util.Objects;

/**
 * A planned MP4: its head (everything before the sample data) and where each run of sample bytes
 * comes from. The file is the head followed by the extents in order.
 *
 * @param head {@code ftyp}, {@code moov} and the {@code mdat} header; not modified after construction
 * @param extents the sample data, in file order, back to back
 * @param start wall-clock time of the first picture
 * @param end wall-clock time where the last picture ends
 * @param pictures pictures in the file
 * @param stoppedBefore wall-clock time of the first picture left out because a gap came before
 *     it inside the run, or {@code null}
 */
record MoviePlan(byte[] head, Extent[] extents, Instant start, Instant end, int pictures, Instant stoppedBefore) {
    /**
     * Bytes {@code [sourceOffset, sourceOffset + length)} of object {@code key}, placed at
     * {@code fileOffset} in the movie.
     */
    record Extent(String key, long sourceOffset, long length, long fileOffset) {
        Extent {
            Objects.requireNonNull(key, "key");
        }

        long fileEnd() {
            return fileOffset + length;
        }
    }

    MoviePlan {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(extents, "extents");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** The file's size. */
    long size() {
        return extents.length == 0 ? head.length : extents[extents.length - 1].fileEnd();
    }
}
