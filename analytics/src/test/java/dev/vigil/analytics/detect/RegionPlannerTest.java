package dev.vigil.analytics.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.core.model.NormalizedBox;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegionPlannerTest {
    private final RegionPlanner planner = RegionPlanner.defaults();

    @Test
    void aSmallMotionBoxGrowsToTheDetectorWindowCentredAndInsideTheImage() {
        // 10x20 px at (100,100) in 640x360: grown by half each side to 20x40, then to the 64x128 window.
        List<PixelRect> r = planner.plan(List.of(NormalizedBox.ofPixels(100, 100, 10, 20, 640, 360)), 640, 360, 64, 128);
        assertEquals(List.of(new PixelRect(73, 46, 64, 128)), r);
        // At the corner it is shifted in, not cut.
        r = planner.plan(List.of(NormalizedBox.ofPixels(0, 0, 10, 20, 640, 360)), 640, 360, 64, 128);
        assertEquals(List.of(new PixelRect(0, 0, 64, 128)), r);
    }

    @Test
    void overlappingRegionsMergeAndLargeCoverageBecomesTheWholeImage() {
        List<NormalizedBox> two = List.of(NormalizedBox.ofPixels(100, 100, 20, 40, 640, 360),
                NormalizedBox.ofPixels(130, 110, 20, 40, 640, 360), NormalizedBox.ofPixels(500, 100, 20, 40, 640, 360));
        List<PixelRect> r = planner.plan(two, 640, 360, 16, 16);
        assertEquals(2, r.size());
        assertEquals(new PixelRect(90, 80, 70, 90), r.get(0)); // (90,80,40,80) and (120,90,40,80)
        List<PixelRect> whole = planner.plan(List.of(NormalizedBox.ofPixels(100, 50, 300, 250, 640, 360)), 640, 360, 64,
                128);
        assertEquals(List.of(new PixelRect(0, 0, 640, 360)), whole);
    }

    @Test
    void nmsKeepsTheMostConfidentOfOverlappingBoxesOfOneLabel() {
        Detection a = new Detection("person", 0.9, new NormalizedBox(0.1, 0.1, 0.2, 0.4));
        Detection b = new Detection("person", 0.7, new NormalizedBox(0.11, 0.1, 0.2, 0.4));
        Detection c = new Detection("car", 0.6, new NormalizedBox(0.11, 0.1, 0.2, 0.4));
        Detection d = new Detection("person", 0.5, new NormalizedBox(0.6, 0.1, 0.2, 0.4));
        assertEquals(List.of(a, c, d), NonMaximumSuppression.apply(List.of(b, c, d, a), 0.45));
    }
}
