package dev.vigil.analytics.snapshot;

import dev.vigil.core.model.NormalizedBox;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The best frame of each open event, kept for the event's lifetime only: a newer best replaces
 * (and frees) the older, and the event's END takes it out for its snapshot.
 *
 * <p>Ownership: {@link #keep} takes ownership of the Mat; {@link #take} hands it to the caller,
 * who must close it; {@link #close} frees every frame still kept. Confined to one camera's
 * analytics thread.
 */
public final class BestFrames implements AutoCloseable {
    private final Map<UUID, Kept> frames = new HashMap<>();

    /** A kept frame with the boxes and caption to draw on it. */
    public record Kept(Mat bgr, List<NormalizedBox> boxes, String caption) implements AutoCloseable {
        public Kept {
            boxes = List.copyOf(boxes);
        }

        @Override
        public void close() {
            bgr.close();
        }
    }

    /** Keeps {@code bgr} (taking ownership) as the best frame of {@code event}, freeing the previous one. */
    public void keep(UUID event, Mat bgr, List<NormalizedBox> boxes, String caption) {
        Kept previous = frames.put(event, new Kept(bgr, boxes, caption));
        if (previous != null) {
            previous.close();
        }
    }

    /** Removes and returns the best frame of {@code event}; the caller closes it. */
    public Optional<Kept> take(UUID event) {
        return Optional.ofNullable(frames.remove(event));
    }

    /** Frames kept now. */
    public int size() {
        return frames.size();
    }

    @Override
    public void close() {
        for (Kept k : frames.values()) {
            k.close();
        }
        frames.clear();
    }
}
