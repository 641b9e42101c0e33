package dev.vigil.storage.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.search.SearchArea;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GridCellTest {
    @Test
    void everyPointInABoxIsInOneOfItsCells() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 500; i++) {
            GeoPoint centre = GeoPoint.of(random.nextDouble(-80, 80), random.nextDouble(-170, 170));
            SearchArea.Bounds box = SearchArea.Bounds.around(centre, random.nextDouble(10, 1_500));
            List<Integer> cells = GridCell.covering(box, 10_000).orElseThrow();
            for (int j = 0; j < 50; j++) {
                double lat = random.nextDouble(box.minLat(), box.maxLat());
                double lon = random.nextDouble(box.minLon(), box.maxLon());
                assertTrue(cells.contains(GridCell.of(lat, lon)), lat + "," + lon + " " + box);
            }
            // Corners too: edges are included.
            assertTrue(cells.contains(GridCell.of(box.minLat(), box.minLon())));
            assertTrue(cells.contains(GridCell.of(box.maxLat(), box.maxLon())));
        }
    }

    @Test
    void cellsAreAHundredthOfADegreeAndTheWorldFits() {
        assertEquals(GridCell.of(21.001, 105.801), GridCell.of(21.009, 105.809));
        assertNotEquals(GridCell.of(21.001, 105.801), GridCell.of(21.011, 105.801));
        assertNotEquals(GridCell.of(21.001, 105.801), GridCell.of(21.001, 105.811));
        assertEquals(0, GridCell.of(-90, -180));
        assertTrue(GridCell.of(90, 180) > 0, "no int overflow at the far corner");
        assertNotEquals(GridCell.of(0, 180), GridCell.of(0.01, -180), "the last column does not wrap into the next row");
    }

    @Test
    void aBoxOverTheLimitHasNoCellList() {
        GeoPoint hanoi = GeoPoint.of(21.0285, 105.8542);
        assertTrue(GridCell.covering(SearchArea.Bounds.around(hanoi, 500), GridCell.MAX_CELLS).isPresent());
        assertTrue(GridCell.covering(SearchArea.Bounds.around(hanoi, 5_000), GridCell.MAX_CELLS).isEmpty());
        assertEquals(4, GridCell.covering(new SearchArea.Bounds(21.001, 105.801, 21.011, 105.811), 4).orElseThrow().size());
    }
}
