package dev.vigil.core.search;

import java.util.List;
import java.util.Objects;

/**
 * What a search found: each camera with recordings in the area and window once, nearest first
 * for a circle, by camera id otherwise.
 */
public record RecordingSearchResult(RecordingQuery query, List<CameraCoverage> cameras) {
    public RecordingSearchResult {
        Objects.requireNonNull(query, "query");
        cameras = List.copyOf(cameras);
    }
}
