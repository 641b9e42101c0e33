package dev.vigil.core.config;

import java.util.List;

/**
 * A named line on a camera's picture, in normalized coordinates; objects crossing it are counted.
 *
 * @param name unique among the camera's lines
 * @param points exactly 2 {@code [x, y]} pairs
 */
public record LineConfig(String name, List<List<Double>> points) {
    public LineConfig {
        points = points == null ? List.of() : points.stream().map(p -> p == null ? List.<Double>of() : List.copyOf(p))
                .toList();
    }
}
