package dev.vigil.core.search;

import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.TimeRange;
import java.time.Duration;
import java.util.Objects;

/**
 * "Which cameras recorded in this place during this window?"
 *
 * @param window the time window, not empty, at most {@link #MAX_WINDOW}
 * @param area where the cameras were when they recorded
 * @param kind only cameras of this kind; {@code null} for every kind
 */
public record RecordingQuery(TimeRange window, SearchArea area, CameraKind kind) {
    /** The longest window one search covers. */
    public static final Duration MAX_WINDOW = Duration.ofDays(7);

    public RecordingQuery {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(area, "area");
        if (window.duration().isZero()) {
            throw VigilException.invalid("the search window is empty: from and to are both " + window.start());
        }
        if (window.duration().compareTo(MAX_WINDOW) > 0) {
            throw VigilException.invalid("the search window may span at most " + MAX_WINDOW.toDays() + " days, was "
                    + window.duration());
        }
    }
}
