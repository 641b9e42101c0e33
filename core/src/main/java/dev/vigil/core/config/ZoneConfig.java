package dev.vigil.core.config;

import java.util.List;

/**
 * A named polygon on a camera's picture, in normalized coordinates ({@code [x, y]}, 0..1 from the
 * top-left corner), so it survives a change of resolution.
 *
 * @param name unique among the camera's zones
 * @param points at least 3 {@code [x, y]} pairs
 */
public record ZoneConfig(String name, List<List<Double>> points) {
    public ZoneConfig {
        points = points == null ? List.of() : points.stream().map(p -> p == null ? List.<Double>of() : List.copyOf(p))
                .toList();
    }
}
