package dev.vigil.core.port;

import dev.vigil.core.search.RecordingQuery;
import dev.vigil.core.search.RecordingSearchResult;

/**
 * Finds the cameras that recorded in a place during a window, with what each covered and missed
 * (the catalog implements it in storage; the API's search route calls it).
 *
 * <p>A camera counts when one of its recordings overlaps the window and the camera's position
 * recorded with it lies in the area; recordings without a position are never found. Thread-safe.
 */
public interface RecordingSearch {
    /**
     * Runs one search.
     *
     * @throws dev.vigil.core.error.VigilException {@code RESOURCE_EXHAUSTED} when the area and window
     *     hold more recordings than one search reads (the message says to narrow them);
     *     {@code UNAVAILABLE} when the catalog cannot be reached
     */
    RecordingSearchResult search(RecordingQuery query);
}
