package dev.vigil.core.search;

import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.model.TimeRange;
import java.util.List;
import java.util.Objects;

/**
 * One camera a search found, and what it recorded within the window.
 *
 * @param camera the camera
 * @param name its display name (the id when the configuration no longer knows it)
 * @param site its site when it last recorded inside the area in the window
 * @param kind its kind when it recorded; {@code null} if unknown
 * @param location where it was when it last recorded inside the area in the window
 * @param distanceMetres from a circle search's centre to {@code location}; {@code null} for
 *     boxes and polygons
 * @param covered the recorded spans within the window, in order, seams of up to a second merged
 * @param gaps the rest of the window, in order: covered and gaps tile the window
 */
public record CameraCoverage(CameraId camera, String name, SiteId site, CameraKind kind, GeoPoint location, Double distanceMetres,
        List<TimeRange> covered, List<TimeRange> gaps) {
    public CameraCoverage {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(location, "location");
        covered = List.copyOf(covered);
        gaps = List.copyOf(gaps);
    }
}
