package dev.vigil.storage.catalog;

import dev.vigil.core.search.SearchArea;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The coarse grid that the area index is built on: the world cut into cells of
 * {@value #CELL_DEGREES} degree of latitude by as much of longitude (about 1.1 km north-south,
 * less east-west away from the equator), each numbered by one {@code int}. A recording stores
 * the cell of the camera's position; an area search turns its box into the list of cells that
 * cover it and looks those up in the {@code (cell, start_ts)} index.
 *
 * <p>Cell number: {@code row * COLUMNS + column}, where {@code row = floor((lat + 90) / size)} and
 * {@code column = floor((lon + 180) / size)}. Both are monotonic in floating point, so a point
 * inside a box always falls in one of the box's cells. Pure and thread-safe.
 */
public final class GridCell {
    /** Cell size in degrees. Part of the stored data: changing it needs a migration that recomputes. */
    public static final double CELL_DEGREES = 0.01;
    static final int ROWS = 18_001;
    static final int COLUMNS = 36_001;
    /**
     * Most cells a search turns into a list (one {@code UNION ALL} branch each); a bigger box (a
     * radius over about 1.5 km) is searched by time alone. Each branch costs about 0.65 ms on H2,
     * the time-only search about 30 ms at 1000 cameras: AreaSearchBenchmark, README.
     */
    public static final int MAX_CELLS = 32;

    private GridCell() {}

    /** The cell that holds the point. */
    public static int of(double lat, double lon) {
        return row(lat) * COLUMNS + column(lon);
    }

    /**
     * The cells that cover the box, or empty if they are more than {@code maxCells}.
     *
     * @param maxCells at least 1
     */
    public static Optional<List<Integer>> covering(SearchArea.Bounds box, int maxCells) {
        if (maxCells < 1) {
            throw new IllegalArgumentException("maxCells must be at least 1, was " + maxCells);
        }
        int firstRow = row(box.minLat());
        int lastRow = row(box.maxLat());
        int firstColumn = column(box.minLon());
        int lastColumn = column(box.maxLon());
        long count = (long) (lastRow - firstRow + 1) * (lastColumn - firstColumn + 1);
        if (count > maxCells) {
            return Optional.empty();
        }
        List<Integer> cells = new ArrayList<>((int) count);
        for (int r = firstRow; r <= lastRow; r++) {
            for (int c = firstColumn; c <= lastColumn; c++) {
                cells.add(r * COLUMNS + c);
            }
        }
        return Optional.of(List.copyOf(cells));
    }

    private static int row(double lat) {
        return (int) Math.floor((lat + 90) / CELL_DEGREES);
    }

    private static int column(double lon) {
        return (int) Math.floor((lon + 180) / CELL_DEGREES);
    }
}
